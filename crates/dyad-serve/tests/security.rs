mod common;

use common::{get, raw, start};
use dyad_store::{synthetic, Store};

fn server() -> (tempfile::TempDir, std::net::SocketAddr) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sec.db");
    Store::open(&db).unwrap().ingest(&synthetic::batch(1, "d", 0, 5, 2)).unwrap();
    let addr = start(&db);
    (dir, addr)
}

#[test]
fn default_address_is_loopback() {
    let a = dyad_serve::default_addr();
    assert!(a.ip().is_loopback());
    assert_eq!(a.to_string(), "127.0.0.1:8080");
}

#[test]
fn oversized_body_is_413() {
    let (_d, addr) = server();
    let body = vec![b'x'; dyad_serve::MAX_BODY * 4];
    for path in ["/api/events", "/", "/nowhere"] {
        let mut req = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        req.extend_from_slice(&body);
        let r = raw(addr, &req);
        assert_eq!(r.status, 413, "{path}");
    }
    // Chunked bodies without a length are cut off too.
    let mut req =
        b"POST /api/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    for _ in 0..8 {
        req.extend_from_slice(format!("{:x}\r\n", 16384).as_bytes());
        req.extend_from_slice(&[b'y'; 16384]);
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(b"0\r\n\r\n");
    let r = raw(addr, &req);
    assert!(r.status == 413 || r.status == 405, "{}", r.status);
}

#[test]
fn path_traversal_is_404() {
    let (_d, addr) = server();
    for p in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/app.js/../../../etc/passwd",
        "/static/../../../../etc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/.%00./etc/passwd",
        "/Cargo.toml",
        "/assets/app.js",
        "/src/lib.rs",
    ] {
        let r = get(addr, p);
        assert!(r.status == 404 || r.status == 400, "{p}: {}", r.status);
        assert!(!r.text().contains("root:"), "{p}");
    }
}

#[test]
fn long_targets_and_headers_are_refused() {
    let (_d, addr) = server();
    let long = format!("/api/events?q={}", "a".repeat(dyad_serve::MAX_URI + 10));
    assert_eq!(get(addr, &long).status, 414);
    let req = format!(
        "GET /api/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: {}\r\n\r\n",
        "b".repeat(dyad_serve::MAX_HEADERS + 10)
    );
    assert_eq!(raw(addr, req.as_bytes()).status, 431);
    let mut req = String::from("GET /api/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for i in 0..200 {
        req.push_str(&format!("X-H{i}: v\r\n"));
    }
    req.push_str("\r\n");
    let r = raw(addr, req.as_bytes());
    assert!(r.status == 431 || r.status == 400, "{}", r.status);
}

#[test]
fn hostile_parameters_are_harmless() {
    let (_d, addr) = server();
    for qs in [
        "actor=%27%3B%20DROP%20TABLE%20events%3B%20--",
        "q=%22%20OR%201%3D1%20--",
        "q=NEAR(a%20b)",
        "code=%25",
        "source=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let r = get(addr, &format!("/api/events?{qs}"));
        assert_eq!(r.status, 200, "{qs}: {}", r.text());
    }
    assert_eq!(get(addr, "/api/events").json()["total"], 10);
}
