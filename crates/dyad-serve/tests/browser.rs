//! The page in headless Chromium: table and chart render, and a live update arrives after
//! another writer ingests. Skipped (with a message) when Chromium is not installed.
//! Chromium is driven over the DevTools protocol with a minimal WebSocket client.

mod common;

use dyad_store::{synthetic, Store};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<String> {
    if let Ok(p) = std::env::var("DYAD_CHROMIUM") {
        return Some(p);
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(String::from)
}

struct Ws {
    s: TcpStream,
    next_id: u64,
}

impl Ws {
    fn connect(port: u16, path: &str) -> Ws {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n\
             Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
             Sec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut b = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            s.read_exact(&mut b).unwrap();
            head.push(b[0]);
        }
        assert!(head.starts_with(b"HTTP/1.1 101"), "{}", String::from_utf8_lossy(&head));
        Ws { s, next_id: 1 }
    }

    fn send_text(&mut self, text: &str) {
        let p = text.as_bytes();
        let mut f = vec![0x81u8];
        if p.len() < 126 {
            f.push(0x80 | p.len() as u8);
        } else if p.len() < 65536 {
            f.push(0x80 | 126);
            f.extend_from_slice(&(p.len() as u16).to_be_bytes());
        } else {
            f.push(0x80 | 127);
            f.extend_from_slice(&(p.len() as u64).to_be_bytes());
        }
        f.extend_from_slice(&[0, 0, 0, 0]); // mask key 0: the payload goes as is
        f.extend_from_slice(p);
        self.s.write_all(&f).unwrap();
    }

    fn read_message(&mut self) -> String {
        let mut msg = Vec::new();
        loop {
            let mut h = [0u8; 2];
            self.s.read_exact(&mut h).unwrap();
            let fin = h[0] & 0x80 != 0;
            let mut len = (h[1] & 0x7f) as u64;
            if len == 126 {
                let mut b = [0u8; 2];
                self.s.read_exact(&mut b).unwrap();
                len = u16::from_be_bytes(b) as u64;
            } else if len == 127 {
                let mut b = [0u8; 8];
                self.s.read_exact(&mut b).unwrap();
                len = u64::from_be_bytes(b);
            }
            let mut mask = [0u8; 4];
            if h[1] & 0x80 != 0 {
                self.s.read_exact(&mut mask).unwrap();
            }
            let mut p = vec![0u8; len as usize];
            self.s.read_exact(&mut p).unwrap();
            for (i, b) in p.iter_mut().enumerate() {
                *b ^= mask[i % 4];
            }
            msg.extend_from_slice(&p);
            if fin {
                return String::from_utf8(msg).unwrap();
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send_text(&json!({ "id": id, "method": method, "params": params }).to_string());
        loop {
            let v: Value = serde_json::from_str(&self.read_message()).unwrap();
            if v["id"] == id {
                return v;
            }
        }
    }

    fn eval(&mut self, expr: &str) -> Value {
        let v = self.call("Runtime.evaluate", json!({ "expression": expr, "returnByValue": true }));
        v["result"]["result"]["value"].clone()
    }
}

const PROBE: &str = "JSON.stringify({loaded: document.body ? document.body.dataset.loaded || '' : '', \
    rows: document.querySelectorAll('#events tbody tr').length, \
    live: document.querySelectorAll('#events tbody tr.live').length, \
    marks: document.querySelectorAll('#events tbody mark').length, \
    bars: document.querySelectorAll('#timeline svg rect.bar').length, \
    dyads: document.querySelectorAll('#dyads tbody tr').length, \
    status: (document.getElementById('live-status') || {}).textContent || '', \
    liveText: (document.querySelector('#events tbody tr.live') || {}).textContent || ''})";

fn probe(ws: &mut Ws) -> Value {
    let s = ws.eval(PROBE);
    serde_json::from_str(s.as_str().unwrap_or("{}")).unwrap_or(Value::Null)
}

struct KillOnDrop(std::process::Child);
impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn page_renders_and_updates_live_in_headless_chromium() {
    let Some(chrome) = chromium() else {
        eprintln!("SKIPPED: no Chromium at /usr/bin/chromium (install it, or set DYAD_CHROMIUM)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("browser.db");
    Store::open(&db).unwrap().ingest(&synthetic::batch(5, "doc", 0, 40, 3)).unwrap();
    let addr = common::start(&db);

    let mut child = Command::new(&chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
        ])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let _guard = KillOnDrop(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("DevTools listening on ws://127.0.0.1:").nth(1) {
                let port: u16 = rest.split('/').next().unwrap().parse().unwrap();
                let _ = tx.send(port);
            }
        }
    });
    let port = rx.recv_timeout(Duration::from_secs(30)).expect("Chromium's DevTools port");
    // The page target's WebSocket.
    let mut list = Value::Null;
    for _ in 0..50 {
        let r = common::get(([127, 0, 0, 1], port).into(), "/json/list");
        list = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        if list.as_array().is_some_and(|a| a.iter().any(|t| t["type"] == "page")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let target = list.as_array().unwrap().iter().find(|t| t["type"] == "page").expect("a page target").clone();
    let url = target["webSocketDebuggerUrl"].as_str().unwrap();
    let path = &url[url.find("/devtools").unwrap()..];
    let mut ws = Ws::connect(port, path);
    ws.call("Page.navigate", json!({ "url": format!("http://{addr}/") }));

    // Table and chart render, the stream connects.
    let t0 = Instant::now();
    let mut p = Value::Null;
    while t0.elapsed() < Duration::from_secs(20) {
        p = probe(&mut ws);
        if p["loaded"] == "1" && p["status"] == "stream: live" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    eprintln!("page state: {p}");
    assert_eq!(p["loaded"], "1", "page never loaded: {p}");
    assert_eq!(p["rows"], 100, "event table: {p}");
    assert!(p["marks"].as_u64().unwrap() >= 100, "evidence verbs highlighted: {p}");
    assert!(p["bars"].as_u64().unwrap() > 10, "timeline bars: {p}");
    assert_eq!(p["dyads"], 15, "top dyads: {p}");
    assert_eq!(p["status"], "stream: live", "{p}");

    // Another writer ingests; the row shows up live.
    let writer = std::thread::spawn({
        let db = db.clone();
        move || {
            let mut s = Store::open(&db).unwrap();
            let mut rng = synthetic::Rng::new(3);
            let mut doc = synthetic::document(&mut rng, "live-doc", 1, 0);
            doc.events[0].sentence = "Zanzibar envoys met the United Nations in Geneva.".into();
            doc.sentences[0].1 = doc.events[0].sentence.clone();
            s.ingest(&[doc]).unwrap();
        }
    });
    let t1 = Instant::now();
    writer.join().unwrap();
    while t1.elapsed() < Duration::from_secs(5) {
        p = probe(&mut ws);
        if p["live"].as_u64().unwrap_or(0) > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("live row after {:?}: {p}", t1.elapsed());
    assert_eq!(p["live"], 1, "no live row: {p}");
    assert!(p["liveText"].as_str().unwrap().contains("Zanzibar envoys"), "{p}");
    assert!(t1.elapsed() < Duration::from_secs(2));
}
