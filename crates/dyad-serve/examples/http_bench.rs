//! Latency of one endpoint from another process over loopback.
//!
//! `cargo run -p dyad-serve --example http_bench -- ADDR PATH [REQUESTS=500] [CLIENTS=1]`
//! prints p50, p90, p99 and max over REQUESTS sequential requests per client (one
//! connection per request, as a browser without keep-alive would).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn one(addr: &str, path: &str) -> (Duration, usize) {
    let t = Instant::now();
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_nodelay(true).ok();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    assert!(buf.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&buf[..buf.len().min(200)]));
    (t.elapsed(), buf.len())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addr = args[0].clone();
    let path = args[1].clone();
    let n: usize = args.get(2).map_or(500, |s| s.parse().unwrap());
    let clients: usize = args.get(3).map_or(1, |s| s.parse().unwrap());
    let (_, bytes) = one(&addr, &path); // warm-up
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let (addr, path) = (addr.clone(), path.clone());
            std::thread::spawn(move || (0..n).map(|_| one(&addr, &path).0).collect::<Vec<_>>())
        })
        .collect();
    let mut lat: Vec<Duration> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).saturating_sub(1).min(lat.len() - 1)];
    println!(
        "{path}: {} requests ({clients} client(s)), response {bytes} bytes: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.90).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        lat.last().unwrap().as_secs_f64() * 1e3
    );
}
