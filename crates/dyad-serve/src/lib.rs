//! dyad's HTTP server: a JSON API, a live event stream and a web page over an event store.
//!
//! * `GET /` — the page (HTML, script and style embedded in the binary; nothing else is
//!   served from disk).
//! * `GET /api/events` — `{"events": [...], "total": N}`, filtered by the query parameters of
//!   [`dyad_store::Query`] (`actor source target country code root quad from to q doc`),
//!   paged by `limit` (default 50, at most [`MAX_LIMIT`]) and `offset`.
//! * `GET /api/dyads?n=`, `GET /api/actors?n=` — top dyads and actors under the same filters.
//! * `GET /api/timeline?bucket=day|week|month` — counts by period and quad class.
//! * `GET /api/export.csv` — matching events as CSV (at most [`MAX_EXPORT`] rows).
//! * `GET /api/stream` — server-sent events: each newly stored event as one `data:` line of
//!   event JSON, whichever process stored it (the database is polled every
//!   [`POLL_INTERVAL`]).
//!
//! Bounds: request bodies over [`MAX_BODY`] bytes get 413, URIs over [`MAX_URI`] bytes 414,
//! headers over [`MAX_HEADERS`] bytes 431, handlers over [`REQUEST_TIMEOUT`] 408; at most
//! [`MAX_STREAMS`] concurrent streams and [`MAX_DB_WORKERS`] concurrent database readers.

mod page;

use anyhow::Context;
use axum::extract::{DefaultBodyLimit, Query as Params, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dyad_core::Event;
use dyad_store::{Bucket, Query, Store};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, Semaphore};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// The address `dyad serve` binds when given none: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// Largest `limit` honoured by `/api/events`.
pub const MAX_LIMIT: usize = 1_000;
/// Most rows `/api/export.csv` writes.
pub const MAX_EXPORT: usize = 100_000;
/// Largest request body accepted (no endpoint takes one).
pub const MAX_BODY: usize = 16 * 1024;
/// Longest request target accepted.
pub const MAX_URI: usize = 4 * 1024;
/// Largest total size of request headers accepted.
pub const MAX_HEADERS: usize = 16 * 1024;
/// Time a handler may take before the request fails with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Most concurrent `/api/stream` clients.
pub const MAX_STREAMS: usize = 64;
/// Most concurrent database reads.
pub const MAX_DB_WORKERS: usize = 8;
/// How often the stream task looks for new events.
pub const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// The default address, `127.0.0.1:8080`.
pub fn default_addr() -> SocketAddr {
    DEFAULT_ADDR.parse().expect("valid default address")
}

/// Serves `db` on `addr` until Ctrl-C. Creates the store (and its schema) if needed. Blocks;
/// starts its own tokio runtime.
pub fn serve(db: PathBuf, addr: SocketAddr) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
        eprintln!("dyad: serving {} on http://{}", db.display(), listener.local_addr()?);
        run(db, listener, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    })
}

/// Serves `db` on an already bound listener until `shutdown` completes (for embedding and
/// tests: bind `127.0.0.1:0` and read the port from the listener).
pub async fn run(
    db: PathBuf,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let state = AppState::new(db)?;
    let poller = tokio::spawn(poll_new_events(state.clone()));
    let app = router(state);
    let result = axum::serve(listener, app).with_graceful_shutdown(shutdown).await.context("serving HTTP");
    poller.abort();
    result
}

#[derive(Clone)]
struct AppState(Arc<Inner>);

struct Inner {
    db: PathBuf,
    /// Read-only connections ready for reuse.
    pool: Mutex<Vec<Store>>,
    workers: Semaphore,
    streams: Arc<Semaphore>,
    events: broadcast::Sender<Arc<str>>,
}

impl AppState {
    fn new(db: PathBuf) -> anyhow::Result<AppState> {
        // Creates the file and brings its schema up to date; readers then open it read-only.
        let store = Store::open(&db).with_context(|| format!("opening {}", db.display()))?;
        drop(store);
        let (events, _) = broadcast::channel(4096);
        Ok(AppState(Arc::new(Inner {
            db,
            pool: Mutex::new(Vec::new()),
            workers: Semaphore::new(MAX_DB_WORKERS),
            streams: Arc::new(Semaphore::new(MAX_STREAMS)),
            events,
        })))
    }

    /// Runs `f` on a pooled read-only connection on the blocking pool.
    async fn with_store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> dyad_store::Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self.0.workers.acquire().await.map_err(|_| ApiError::internal("shutting down"))?;
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let store = inner.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
            let store = match store {
                Some(s) => s,
                None => Store::open_readonly(&inner.db)?,
            };
            let out = f(&store);
            if let Ok(mut p) = inner.pool.lock() {
                p.push(store);
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?
        .map_err(ApiError::from)
    }
}

/// Polls the database for events stored by any process and broadcasts them.
async fn poll_new_events(state: AppState) {
    let mut last = state.with_store(|s| s.max_event_id()).await.unwrap_or(0);
    let mut tick = tokio::time::interval(POLL_INTERVAL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if state.0.events.receiver_count() == 0 {
            if let Ok(max) = state.with_store(|s| s.max_event_id()).await {
                last = max;
            }
            continue;
        }
        // Drain in chunks so a large ingest doesn't hold one big result in memory.
        loop {
            let after = last;
            let Ok(batch) = state.with_store(move |s| s.events_after(after, 500)).await else {
                break;
            };
            let n = batch.len();
            for se in batch {
                last = se.id;
                if let Ok(js) = serde_json::to_string(&se.event) {
                    let _ = state.0.events.send(js.into());
                }
            }
            if n < 500 {
                break;
            }
        }
    }
}

fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/index.html", get(page::index))
        .route("/app.js", get(page::script))
        .route("/style.css", get(page::style))
        .route("/api/events", get(api_events))
        .route("/api/dyads", get(api_dyads))
        .route("/api/actors", get(api_actors))
        .route("/api/timeline", get(api_timeline))
        .route("/api/export.csv", get(api_export))
        .route("/api/stream", get(api_stream))
        .fallback(not_found)
        .with_state(state)
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(middleware::from_fn(bounds_and_headers))
}

/// Rejects oversized request targets and headers, and sets defensive response headers.
async fn bounds_and_headers(req: Request, next: Next) -> Response {
    let uri_len = req.uri().path_and_query().map(|p| p.as_str().len()).unwrap_or(0);
    if uri_len > MAX_URI {
        return (StatusCode::URI_TOO_LONG, "request target too long\n").into_response();
    }
    let header_bytes: usize = req.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if header_bytes > MAX_HEADERS {
        return (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large\n").into_response();
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    resp
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

/// An error answered as `{"error": "..."}`.
struct ApiError(StatusCode, String);

impl ApiError {
    fn internal(msg: impl Into<String>) -> ApiError {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, msg.into())
    }
}

impl From<dyad_store::Error> for ApiError {
    fn from(e: dyad_store::Error) -> Self {
        match e {
            dyad_store::Error::Invalid(m) => ApiError(StatusCode::BAD_REQUEST, m),
            e => ApiError::internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Extra {
    n: Option<usize>,
    bucket: Option<Bucket>,
}

fn params_error(e: axum::extract::rejection::QueryRejection) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, e.body_text())
}

async fn api_events(
    State(st): State<AppState>,
    q: Result<Params<Query>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Params(mut q) = q.map_err(params_error)?;
    let (limit, offset) = q.page(50, MAX_LIMIT);
    q.limit = Some(limit);
    q.offset = Some(offset);
    let (events, total) = st.with_store(move |s| Ok((s.query(&q)?, s.count(&q)?))).await?;
    Ok(Json(json!({ "events": events, "total": total, "limit": limit, "offset": offset })).into_response())
}

async fn api_dyads(
    State(st): State<AppState>,
    q: Result<Params<Query>, axum::extract::rejection::QueryRejection>,
    x: Result<Params<Extra>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Params(q) = q.map_err(params_error)?;
    let n = x.map_err(params_error)?.0.n.unwrap_or(20).min(500);
    let dyads = st.with_store(move |s| s.dyads(&q, n)).await?;
    Ok(Json(json!({ "dyads": dyads })).into_response())
}

async fn api_actors(
    State(st): State<AppState>,
    q: Result<Params<Query>, axum::extract::rejection::QueryRejection>,
    x: Result<Params<Extra>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Params(q) = q.map_err(params_error)?;
    let n = x.map_err(params_error)?.0.n.unwrap_or(50).min(500);
    let actors = st.with_store(move |s| s.actors(&q, n)).await?;
    Ok(Json(json!({ "actors": actors })).into_response())
}

async fn api_timeline(
    State(st): State<AppState>,
    q: Result<Params<Query>, axum::extract::rejection::QueryRejection>,
    x: Result<Params<Extra>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Params(q) = q.map_err(params_error)?;
    let bucket = x.map_err(params_error)?.0.bucket.unwrap_or(Bucket::Month);
    let rows = st.with_store(move |s| s.timeline(&q, bucket)).await?;
    Ok(Json(json!({ "bucket": bucket, "rows": rows })).into_response())
}

async fn api_export(
    State(st): State<AppState>,
    q: Result<Params<Query>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Params(mut q) = q.map_err(params_error)?;
    let (limit, offset) = q.page(10_000, MAX_EXPORT);
    q.limit = Some(limit);
    q.offset = Some(offset);
    let csv = st
        .with_store(move |s| {
            // The store pages at 10,000; walk the pages.
            let mut out = String::from(CSV_HEADER);
            let mut done = 0;
            while done < limit {
                let mut page = q.clone();
                page.limit = Some((limit - done).min(10_000));
                page.offset = Some(offset + done);
                let evs = s.query(&page)?;
                if evs.is_empty() {
                    break;
                }
                done += evs.len();
                for e in &evs {
                    csv_row(&mut out, e);
                }
            }
            Ok(out)
        })
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"dyad-events.csv\""),
        ],
        csv,
    )
        .into_response())
}

const CSV_HEADER: &str = "doc_id,sentence_index,date,source,source_country,target,target_country,\
cameo,cameo_root,quad_class,goldstein,plover,location,lat,lon,negated,verb,sentence\n";

fn csv_field(out: &mut String, s: &str) {
    // Quote always; neutralise spreadsheet formulas.
    out.push('"');
    if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        out.push('\'');
    }
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
}

fn csv_row(out: &mut String, e: &Event) {
    let t = e.target.as_ref();
    let l = e.location.as_ref();
    let fields: [String; 18] = [
        e.doc_id.clone(),
        e.sentence_index.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.source.code.clone(),
        e.source.country.clone().unwrap_or_default(),
        t.map(|a| a.code.clone()).unwrap_or_default(),
        t.and_then(|a| a.country.clone()).unwrap_or_default(),
        e.cameo.clone(),
        e.cameo_root.clone(),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        e.plover.clone().unwrap_or_default(),
        l.map(|l| l.name.clone()).unwrap_or_default(),
        l.map(|l| l.lat.to_string()).unwrap_or_default(),
        l.map(|l| l.lon.to_string()).unwrap_or_default(),
        e.negated.to_string(),
        e.evidence.verb.clone(),
        e.sentence.clone(),
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push('\n');
}

async fn api_stream(State(st): State<AppState>) -> Response {
    let Ok(permit) = st.0.streams.clone().try_acquire_owned() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "too many streams\n").into_response();
    };
    let rx = st.0.events.subscribe();
    let stream = futures_util::stream::unfold((rx, permit), |(mut rx, permit)| async move {
        let ev = match rx.recv().await {
            Ok(js) => SseEvent::default().data(&*js),
            // A slow client missed events: say how many, and go on.
            Err(broadcast::error::RecvError::Lagged(n)) => SseEvent::default().event("lagged").data(n.to_string()),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok::<_, std::convert::Infallible>(ev), (rx, permit)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}
