//! `badia serve` over plain TCP: whole files, byte ranges (206 with Content-Range), ranges past
//! the end (416), HEAD, and paths that try to leave the folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_badia");

/// A running `badia serve`, stopped when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &std::path::Path) -> Served {
    serve_with(dir, &[])
}

/// `badia serve` with environment variables (its limits shortened for a test).
fn serve_with(dir: &std::path::Path, env: &[(&str, &str)]) -> Served {
    let mut child = Command::new(BIN)
        .args(["serve", dir.to_str().unwrap(), "--port", "0"])
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start badia serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .expect("the URL is printed")
        .trim()
        .trim_end_matches('/')
        .to_string();
    Served { child, addr }
}

/// Status code, headers (lower-case names) and body of one request.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn request(addr: &str, method: &str, path: &str, extra: &[&str]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for h in extra {
        req.push_str(h);
        req.push_str("\r\n");
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

#[test]
fn serves_files_and_byte_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let content: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(dir.path().join("events.pmtiles"), &content).unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>hi").unwrap();
    let server = serve(dir.path());
    let a = server.addr.as_str();

    let r = request(a, "GET", "/", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"<!doctype html>hi");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));

    let r = request(a, "GET", "/events.pmtiles", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, content);
    assert_eq!(r.header("accept-ranges"), Some("bytes"));
    assert_eq!(r.header("content-length"), Some("1000"));

    let r = request(a, "GET", "/events.pmtiles", &["Range: bytes=0-126"]);
    assert_eq!(r.status, 206);
    assert_eq!(r.header("content-range"), Some("bytes 0-126/1000"));
    assert_eq!(r.header("content-length"), Some("127"));
    assert_eq!(r.body, &content[..127]);

    let r = request(a, "GET", "/events.pmtiles", &["Range: bytes=990-"]);
    assert_eq!(r.status, 206);
    assert_eq!(r.header("content-range"), Some("bytes 990-999/1000"));
    assert_eq!(r.body, &content[990..]);

    let r = request(a, "GET", "/events.pmtiles", &["Range: bytes=-5"]);
    assert_eq!(r.status, 206);
    assert_eq!(r.body, &content[995..]);

    let r = request(a, "GET", "/events.pmtiles", &["Range: bytes=500-100000"]);
    assert_eq!(r.status, 206);
    assert_eq!(r.header("content-range"), Some("bytes 500-999/1000"));
    assert_eq!(r.body.len(), 500);

    let r = request(a, "GET", "/events.pmtiles", &["Range: bytes=1000-1010"]);
    assert_eq!(r.status, 416);
    assert_eq!(r.header("content-range"), Some("bytes */1000"));

    let r = request(a, "HEAD", "/events.pmtiles", &["Range: bytes=10-19"]);
    assert_eq!(r.status, 206);
    assert_eq!(r.header("content-length"), Some("10"));
    assert!(r.body.is_empty());

    // A page's Content-Security-Policy <meta> is repeated as a header.
    let policy = "default-src 'none'; script-src 'self'";
    std::fs::write(
        dir.path().join("page.html"),
        format!(
            "<!doctype html><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" \
             content=\"{}\">",
            policy.replace('\'', "&#39;")
        ),
    )
    .unwrap();
    let r = request(a, "GET", "/page.html", &[]);
    assert_eq!(r.header("content-security-policy"), Some(policy));
    assert_eq!(
        request(a, "GET", "/", &[]).header("content-security-policy"),
        None
    );

    assert_eq!(request(a, "GET", "/missing.txt", &[]).status, 404);
    assert_eq!(request(a, "GET", "/../../etc/passwd", &[]).status, 404);
    assert_eq!(
        request(a, "GET", "/%2e%2e/%2e%2e/etc/passwd", &[]).status,
        404
    );
    assert_eq!(
        request(a, "POST", "/index.html", &["Content-Length: 0"]).status,
        405
    );
}

/// Reads one response from a kept-alive connection: status and body (by Content-Length).
fn read_reply(s: &mut BufReader<TcpStream>) -> (u16, Vec<u8>) {
    let mut status = 0;
    let mut len = 0;
    let mut line = String::new();
    loop {
        line.clear();
        s.read_line(&mut line)
            .expect("a reply before the read timeout");
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some(code) = l.strip_prefix("HTTP/1.1 ") {
            status = code[..3].parse().unwrap();
        } else if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0; len];
    s.read_exact(&mut body).unwrap();
    (status, body)
}

/// What a browser does on a page load: several connections opened at once, each asking for
/// files one after another and kept open. Every request must be answered, whatever the
/// order the connections are accepted in (a server that queues a new connection behind
/// open keep-alive ones never answers it while they stay open). A stalled connection fails at its read timeout.
#[test]
fn answers_many_keep_alive_connections_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let script: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(dir.path().join("maplibre-gl.js"), &script).unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>hi").unwrap();
    for _ in 0..5 {
        // A fresh server each time: the first burst of connections is what stalled.
        let server = serve(dir.path());
        let a = server.addr.clone();
        let conns: Vec<TcpStream> = (0..16).map(|_| TcpStream::connect(&a).unwrap()).collect();
        let workers: Vec<_> = conns
            .into_iter()
            .map(|s| {
                let (a, script) = (a.clone(), script.clone());
                std::thread::spawn(move || {
                    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
                        .unwrap();
                    let mut w = s.try_clone().unwrap();
                    let mut r = BufReader::new(s);
                    for path in ["/", "/maplibre-gl.js", "/index.html"] {
                        write!(w, "GET {path} HTTP/1.1\r\nHost: {a}\r\n\r\n").unwrap();
                        let (status, body) = read_reply(&mut r);
                        assert_eq!(status, 200);
                        if path == "/maplibre-gl.js" {
                            assert_eq!(body, script);
                        }
                    }
                    // Two requests in one write (pipelining): two replies, in order.
                    write!(
                        w,
                        "GET /index.html HTTP/1.1\r\nHost: {a}\r\n\r\n\
                         HEAD /maplibre-gl.js HTTP/1.1\r\nHost: {a}\r\nRange: bytes=0-9\r\n\r\n"
                    )
                    .unwrap();
                    assert_eq!(read_reply(&mut r).1, b"<!doctype html>hi");
                    let mut line = String::new();
                    r.read_line(&mut line).unwrap();
                    assert!(line.starts_with("HTTP/1.1 206"), "{line}");
                    // Kept open, as a browser keeps it, until every connection is done.
                    w
                })
            })
            .collect();
        let done: Vec<TcpStream> = workers
            .into_iter()
            .map(|w| w.join().expect("every connection answered"))
            .collect();
        drop(done);
    }
}

/// Whether the server has closed a connection (or answered on it and closed), without waiting.
fn closed_by_server(s: &mut TcpStream) -> bool {
    let mut byte = [0u8; 512];
    s.set_nonblocking(true).unwrap();
    let closed = match s.read(&mut byte) {
        Ok(_) => true,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    s.set_nonblocking(false).unwrap();
    closed
}

/// 150 connections trickle their request heads a line at a time and never end them: a normal
/// request is still answered, and every trickling connection is closed once its head is not
/// whole by the deadline (2 s here, 10 s by default). Loopback only; bounded in time.
#[test]
fn slow_clients_cannot_hold_the_server() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html>hi").unwrap();
    let deadline = Duration::from_millis(2000);
    let server = serve_with(dir.path(), &[("BADIA_SERVE_HEAD_DEADLINE_MS", "2000")]);
    let a = server.addr.clone();
    let start = Instant::now();
    let mut slow: Vec<(TcpStream, Instant, Option<Instant>)> = (0..150)
        .map(|_| {
            let mut s = TcpStream::connect(&a).unwrap();
            let _ = write!(s, "GET /index.html HTTP/1.1\r\nHost: {a}\r\n");
            (s, Instant::now(), None)
        })
        .collect();
    let mut answered = false;
    let mut round = 0;
    while slow.iter().any(|c| c.2.is_none()) && start.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(100));
        round += 1;
        for (s, _, closed) in slow.iter_mut().filter(|c| c.2.is_none()) {
            if closed_by_server(s) || write!(s, "X-Slow-{round}: 1\r\n").is_err() {
                *closed = Some(Instant::now());
            }
        }
        if round == 5 {
            // While they trickle, a normal request.
            let reply = request(&a, "GET", "/index.html", &[]);
            assert_eq!(reply.status, 200);
            assert_eq!(reply.body, b"<!doctype html>hi");
            answered = true;
        }
    }
    assert!(answered);
    let ends: Vec<Duration> = slow
        .iter()
        .map(|(_, opened, closed)| closed.expect("closed within 15 s") - *opened)
        .collect();
    // Each is closed by the deadline (with slack for a loaded machine), or earlier when a
    // newer connection took its place; the newest ones stayed until the deadline.
    let slack = Duration::from_secs(3);
    assert!(ends.iter().all(|&e| e <= deadline + slack), "{ends:?}");
    let at_deadline = ends.iter().filter(|&&e| e >= deadline).count();
    assert!(
        at_deadline >= 32,
        "{at_deadline} closed at the deadline: {ends:?}"
    );
    // And the server still answers.
    assert_eq!(request(&a, "GET", "/", &[]).status, 200);
}

/// A client that asks for a large file and never reads it is cut off after the write
/// timeout (0.5 s here, 30 s by default) instead of pinning its thread.
#[test]
fn a_client_that_never_reads_is_cut_off() {
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let big = vec![b'x'; 64 << 20];
    std::fs::write(dir.path().join("events.pmtiles"), &big).unwrap();
    let server = serve_with(dir.path(), &[("BADIA_SERVE_WRITE_TIMEOUT_MS", "500")]);
    let a = server.addr.clone();
    let mut s = TcpStream::connect(&a).unwrap();
    write!(s, "GET /events.pmtiles HTTP/1.1\r\nHost: {a}\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    assert!(got.len() < big.len() / 2, "{} bytes came", got.len());
    assert_eq!(
        request(&a, "GET", "/events.pmtiles", &["Range: bytes=0-3"]).body,
        b"xxxx"
    );
}

#[test]
fn conflicting_content_lengths_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "hi").unwrap();
    let server = serve(dir.path());
    let bad = [
        &["Content-Length: 0", "Content-Length: 5"][..],
        &["Content-Length: 0, 5"][..],
        &["Content-Length: +0"][..],
    ];
    for headers in bad {
        assert_eq!(
            request(&server.addr, "GET", "/", headers).status,
            400,
            "{headers:?}"
        );
    }
    let same = ["Content-Length: 0", "Content-Length: 0"];
    assert_eq!(request(&server.addr, "GET", "/", &same).status, 200);
}
