//! A small static file server to preview a map folder: files under one root, on 127.0.0.1
//! only, with HTTP Range requests (RFC 9110 §14), which the PMTiles reader in the page needs
//! (`python3 -m http.server` ignores `Range`). GET and HEAD; a single byte range is answered
//! with 206 and `Content-Range`, a range past the end with 416, several ranges with the whole
//! file (which RFC 9110 allows). An HTML page that carries a Content-Security-Policy `<meta>`
//! is sent with the same policy as a header.
//!
//! HTTP/1.1 with keep-alive, one thread per connection (request heads parsed by httparse).
//! A browser opens several connections at once and keeps them open between requests, so
//! every accepted connection must be read at once: a pool that queues connections behind
//! open keep-alive ones leaves a page waiting on a script forever.
//!
//! Slow clients cannot hold it ([`Limits`]): a request head must arrive whole within a
//! deadline (from the connection's start, or from its first byte on a kept-alive connection),
//! a write that the client does not read fails after a timeout, and when the server or one
//! client (known by its address) has as many connections as allowed, a new connection closes
//! the one that has waited longest for a request head; only when none is waiting is the new
//! one refused (503). Conflicting `Content-Length` headers are refused (400).

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::Error;

/// Connections served at once (see [`Limits`]).
pub const MAX_CONNECTIONS: usize = 128;
/// A request head larger than this is refused (431).
const MAX_HEAD: usize = 16 * 1024;

/// How long and how many: what keeps slow or greedy clients from holding the server. The
/// durations must be above zero (a socket takes no zero timeout).
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// A request head must be whole this long after the connection opened, or after its
    /// first byte on a kept-alive connection; else the connection is closed (default 10 s).
    pub head_deadline: Duration,
    /// A kept-alive connection with no new request for this long is closed (default 30 s).
    pub idle: Duration,
    /// A write the client does not take within this long ends the connection (default 30 s).
    pub write_timeout: Duration,
    /// Connections open at once (default [`MAX_CONNECTIONS`]).
    pub max_connections: usize,
    /// Connections open at once from one client address (default 64).
    pub max_per_client: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head_deadline: Duration::from_secs(10),
            idle: Duration::from_secs(30),
            write_timeout: Duration::from_secs(30),
            max_connections: MAX_CONNECTIONS,
            max_per_client: 64,
        }
    }
}

/// A bound server: call [`Server::run`] to answer requests.
pub struct Server {
    listener: TcpListener,
    root: PathBuf,
    limits: Limits,
    open: Mutex<Open>,
}

/// The open connections.
#[derive(Default)]
struct Open {
    next_id: u64,
    conns: Vec<Conn>,
}

struct Conn {
    id: u64,
    client: IpAddr,
    /// Since when it has waited for a request head; `None` while a request is answered.
    waiting_since: Option<Instant>,
    /// A handle to close it with.
    stream: TcpStream,
}

impl Open {
    /// Registers a new connection, closing the one that has waited longest for a head when
    /// the server or the client is full; `None` (refuse it) when no connection is waiting.
    fn admit(&mut self, stream: &TcpStream, client: IpAddr, limits: &Limits) -> Option<u64> {
        let handle = stream.try_clone().ok()?;
        loop {
            let of_client = self.conns.iter().filter(|c| c.client == client).count();
            let full = self.conns.len() >= limits.max_connections;
            if !full && of_client < limits.max_per_client {
                break;
            }
            // Full overall: anyone's; full for this client: one of its own.
            let oldest = self
                .conns
                .iter()
                .enumerate()
                .filter(|(_, c)| full || c.client == client)
                .filter_map(|(i, c)| c.waiting_since.map(|t| (t, i)))
                .min()?
                .1;
            let _ = self
                .conns
                .swap_remove(oldest)
                .stream
                .shutdown(Shutdown::Both);
        }
        self.next_id += 1;
        self.conns.push(Conn {
            id: self.next_id,
            client,
            waiting_since: Some(Instant::now()),
            stream: handle,
        });
        Some(self.next_id)
    }

    fn set_waiting(&mut self, id: u64, waiting: bool) {
        if let Some(c) = self.conns.iter_mut().find(|c| c.id == id) {
            c.waiting_since = waiting.then(Instant::now);
        }
    }

    fn leave(&mut self, id: u64) {
        self.conns.retain(|c| c.id != id);
    }
}

/// What a `Range` header asks of a file of a given length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeAnswer {
    /// No usable single range: send the whole file (200).
    Full,
    /// Bytes `start..=end` (206).
    Partial { start: u64, end: u64 },
    /// No byte of the range lies in the file (416).
    Unsatisfiable,
}

/// Reads a `Range` header value for a file of `len` bytes. A header that is not a valid
/// `bytes=` range, or asks for several ranges, is answered with the whole file.
pub fn range_answer(header: &str, len: u64) -> RangeAnswer {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return RangeAnswer::Full;
    };
    if spec.contains(',') {
        return RangeAnswer::Full;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeAnswer::Full;
    };
    let number = |s: &str| -> Option<u64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            // More digits than u64 holds: a position past any file.
            Some(s.parse().unwrap_or(u64::MAX))
        }
    };
    match (first.is_empty(), number(first), number(last)) {
        // bytes=-N: the last N bytes (all of a shorter file).
        (true, _, Some(n)) => {
            if n == 0 || len == 0 {
                RangeAnswer::Unsatisfiable
            } else {
                RangeAnswer::Partial {
                    start: len.saturating_sub(n),
                    end: len - 1,
                }
            }
        }
        (false, Some(start), end) if end.is_some() || last.is_empty() => {
            if end.is_some_and(|e| e < start) {
                return RangeAnswer::Full;
            }
            if start >= len {
                return RangeAnswer::Unsatisfiable;
            }
            RangeAnswer::Partial {
                start,
                end: end.map_or(len - 1, |e| e.min(len - 1)),
            }
        }
        _ => RangeAnswer::Full,
    }
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 picks a free port) to serve the files under `root`.
    pub fn bind(root: &Path, port: u16) -> Result<Server, Error> {
        Server::bind_with(root, port, Limits::default())
    }

    /// Like [`Server::bind`], with other limits.
    pub fn bind_with(root: &Path, port: u16, limits: Limits) -> Result<Server, Error> {
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        if !root.is_dir() {
            return Err(Error::InFile {
                path: root,
                message: "is not a folder".into(),
            });
        }
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| Error::Format(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        Ok(Server {
            listener,
            root,
            limits,
            open: Mutex::default(),
        })
    }

    /// The address the server listens on, e.g. `http://127.0.0.1:8000/`.
    pub fn url(&self) -> String {
        match self.listener.local_addr() {
            Ok(addr) => format!("http://{addr}/"),
            Err(_) => "http://127.0.0.1/".into(),
        }
    }

    /// Answers requests until the process ends: each connection on its own thread, within
    /// the [`Limits`].
    pub fn run(&self) {
        std::thread::scope(|s| {
            for stream in self.listener.incoming() {
                // A connection that failed while being accepted concerns only its client.
                let Ok(mut stream) = stream else { continue };
                let client = stream
                    .peer_addr()
                    .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
                let admitted = self.registry().admit(&stream, client, &self.limits);
                let Some(id) = admitted else {
                    let _ = stream.set_write_timeout(Some(self.limits.write_timeout));
                    let _ = write_head(&mut stream, 503, &[("Content-Length", "0".into())], false);
                    continue;
                };
                s.spawn(move || {
                    // A client that went away mid-answer is not the server's problem.
                    let _ = self.connection(stream, id);
                    self.registry().leave(id);
                });
            }
        });
    }

    /// The open connections; a thread that panicked while holding them left them usable.
    fn registry(&self) -> std::sync::MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Answers the requests of one connection in order until the client closes it, asks to,
    /// stays idle too long, or is too slow to send a request head or to take an answer.
    fn connection(&self, stream: TcpStream, id: u64) -> std::io::Result<()> {
        stream.set_write_timeout(Some(self.limits.write_timeout))?;
        stream.set_nodelay(true)?;
        let mut reader = stream.try_clone()?;
        let mut out = BufWriter::with_capacity(64 * 1024, stream);
        let mut buf: Vec<u8> = Vec::with_capacity(4096);
        // The first head is due whole within the deadline from the start; later ones within
        // the deadline from their first byte, which is due within the idle time.
        let mut first_byte_by = Instant::now() + self.limits.head_deadline;
        let mut whole_by = Some(first_byte_by);
        loop {
            let head = match self.read_head(&mut reader, &mut buf, first_byte_by, whole_by)? {
                Head::Closed => return Ok(()),
                Head::TooLarge => {
                    write_head(&mut out, 431, &[("Content-Length", "0".into())], false)?;
                    return out.flush();
                }
                Head::Bad => {
                    write_head(&mut out, 400, &[("Content-Length", "0".into())], false)?;
                    return out.flush();
                }
                Head::Request(r, used) => {
                    buf.drain(..used);
                    r
                }
            };
            self.registry().set_waiting(id, false);
            // Only GET and HEAD are answered, so a request with a body ends the connection
            // (its body is never read, and the next request could not be found after it).
            let has_body = head.chunked || head.content_length.is_some_and(|n| n > 0);
            let keep_alive = head.keep_alive && !has_body;
            self.answer(&head, keep_alive, &mut out)?;
            out.flush()?;
            if !keep_alive {
                return Ok(());
            }
            self.registry().set_waiting(id, true);
            first_byte_by = Instant::now() + self.limits.idle;
            whole_by = None;
        }
    }

    /// Reads until `buf` holds a whole request head (pipelined bytes after it stay in `buf`):
    /// its first byte by `first_byte_by`, the whole head by `whole_by`, or when that is `None`
    /// within the head deadline of its first byte.
    fn read_head(
        &self,
        reader: &mut TcpStream,
        buf: &mut Vec<u8>,
        first_byte_by: Instant,
        whole_by: Option<Instant>,
    ) -> std::io::Result<Head> {
        let mut deadline = first_byte_by;
        let mut started = false;
        loop {
            if !buf.is_empty() {
                if !started {
                    started = true;
                    deadline =
                        whole_by.unwrap_or_else(|| Instant::now() + self.limits.head_deadline);
                }
                if let Some(head) = complete_head(buf) {
                    return Ok(head);
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                // Too slow: the connection is closed without an answer.
                return Ok(Head::Closed);
            }
            reader.set_read_timeout(Some(left))?;
            let mut chunk = [0u8; 4096];
            let n = match reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // Past the deadline (checked above on the next round), or reset.
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue
                }
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                    return Ok(Head::Closed)
                }
                Err(e) => return Err(e),
            };
            if n == 0 {
                return Ok(if buf.is_empty() {
                    Head::Closed
                } else {
                    Head::Bad
                });
            }
            buf.extend_from_slice(&chunk[..n]);
        }
    }

    fn answer(
        &self,
        rq: &RequestHead,
        keep_alive: bool,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        let head_only = rq.method == "HEAD";
        if rq.method != "GET" && !head_only {
            let allow = [("Allow", "GET, HEAD".to_string())];
            return text(
                out,
                405,
                "method not allowed",
                &allow,
                keep_alive,
                head_only,
            );
        }
        let Some(path) = self.file_for(&rq.path) else {
            return text(out, 404, "not found", &[], keep_alive, head_only);
        };
        let Ok(mut file) = File::open(&path) else {
            return text(out, 404, "not found", &[], keep_alive, head_only);
        };
        let len = file.metadata()?.len();
        // A conditional range (If-Range) is only honoured with validators; send it all.
        let answer = match &rq.range {
            Some(r) if !rq.if_range => range_answer(r, len),
            _ => RangeAnswer::Full,
        };
        let mut headers = vec![
            ("Content-Type", content_type(&path).to_string()),
            ("Accept-Ranges", "bytes".to_string()),
            ("Cache-Control", "no-cache".to_string()),
            ("X-Content-Type-Options", "nosniff".to_string()),
        ];
        if content_type(&path).starts_with("text/html") {
            if let Some(policy) = page_policy(&mut file)? {
                headers.push(("Content-Security-Policy", policy));
            }
        }
        let (status, start, count) = match answer {
            RangeAnswer::Full => (200, 0, len),
            RangeAnswer::Partial { start, end } => {
                headers.push(("Content-Range", format!("bytes {start}-{end}/{len}")));
                (206, start, end - start + 1)
            }
            RangeAnswer::Unsatisfiable => {
                let extra = [
                    ("Content-Range", format!("bytes */{len}")),
                    ("Accept-Ranges", "bytes".to_string()),
                ];
                return text(
                    out,
                    416,
                    "range not satisfiable",
                    &extra,
                    keep_alive,
                    head_only,
                );
            }
        };
        headers.push(("Content-Length", count.to_string()));
        write_head(out, status, &headers, keep_alive)?;
        if !head_only {
            file.seek(SeekFrom::Start(start))?;
            let copied = std::io::copy(&mut file.take(count), out)?;
            if copied < count {
                // The file shrank while being sent: the length promised cannot be kept.
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(())
    }

    /// The file a request path names, inside the root: `/` and folders mean their
    /// `index.html`; `..`, absolute parts and undecodable paths name nothing.
    fn file_for(&self, url: &str) -> Option<PathBuf> {
        let path = url.split(['?', '#']).next().unwrap_or("");
        let decoded = percent_decode(path)?;
        let mut out = self.root.clone();
        for part in Path::new(&decoded).components() {
            match part {
                Component::Normal(p) => out.push(p),
                Component::RootDir | Component::CurDir => {}
                Component::ParentDir | Component::Prefix(_) => return None,
            }
        }
        if out.is_dir() {
            out.push("index.html");
        }
        // Symbolic links may point anywhere: serve only what really lies under the root.
        let real = out.canonicalize().ok()?;
        (real.starts_with(&self.root) && real.is_file()).then_some(real)
    }
}

/// What the server needs of a request head.
#[derive(Debug)]
struct RequestHead {
    method: String,
    path: String,
    range: Option<String>,
    if_range: bool,
    content_length: Option<u64>,
    chunked: bool,
    keep_alive: bool,
}

enum Head {
    Request(RequestHead, usize),
    Closed,
    Bad,
    TooLarge,
}

/// The request head at the start of `buf`, or `None` while it is incomplete.
fn complete_head(buf: &[u8]) -> Option<Head> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(buf) {
        Ok(httparse::Status::Complete(used)) => Some(parse_head(&req, used)),
        Ok(httparse::Status::Partial) if buf.len() >= MAX_HEAD => Some(Head::TooLarge),
        Ok(httparse::Status::Partial) => None,
        Err(httparse::Error::TooManyHeaders) => Some(Head::TooLarge),
        Err(_) => Some(Head::Bad),
    }
}

fn parse_head(req: &httparse::Request, used: usize) -> Head {
    let (Some(method), Some(path), Some(version)) = (req.method, req.path, req.version) else {
        return Head::Bad;
    };
    let value = |name: &str| -> Option<String> {
        req.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let connection = value("Connection").unwrap_or_default().to_ascii_lowercase();
    // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked.
    let keep_alive = if version == 1 {
        !connection.contains("close")
    } else {
        connection.contains("keep-alive")
    };
    // Every Content-Length must say the same length (RFC 9112 §6.3): two that differ leave
    // the body's end in doubt, which lets a proxy and a server read different requests.
    let mut content_length = None;
    for h in req
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("Content-Length"))
    {
        let Some(n) = std::str::from_utf8(h.value)
            .ok()
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<u64>().ok())
        else {
            return Head::Bad;
        };
        if content_length.is_some_and(|m| m != n) {
            return Head::Bad;
        }
        content_length = Some(n);
    }
    Head::Request(
        RequestHead {
            method: method.to_string(),
            path: path.to_string(),
            range: value("Range"),
            if_range: value("If-Range").is_some(),
            content_length,
            chunked: value("Transfer-Encoding").is_some(),
            keep_alive,
        },
        used,
    )
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn write_head(
    out: &mut impl Write,
    status: u16,
    headers: &[(&str, String)],
    keep_alive: bool,
) -> std::io::Result<()> {
    write!(out, "HTTP/1.1 {status} {}\r\n", reason(status))?;
    for (name, value) in headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    write!(out, "Connection: {connection}\r\n\r\n")
}

fn text(
    out: &mut impl Write,
    status: u16,
    body: &str,
    extra: &[(&str, String)],
    keep_alive: bool,
    head_only: bool,
) -> std::io::Result<()> {
    let mut headers = vec![
        ("Content-Type", "text/plain; charset=utf-8".to_string()),
        ("Content-Length", body.len().to_string()),
    ];
    headers.extend(extra.iter().cloned());
    write_head(out, status, &headers, keep_alive)?;
    if !head_only {
        out.write_all(body.as_bytes())?;
    }
    Ok(())
}

/// The Content-Security-Policy a page declares in a `<meta http-equiv>` near its start,
/// repeated as a header (the `<meta>` comes before any style or script in badia's pages).
fn page_policy(file: &mut File) -> std::io::Result<Option<String>> {
    let mut start = Vec::with_capacity(4096);
    Read::by_ref(file).take(4096).read_to_end(&mut start)?;
    file.seek(SeekFrom::Start(0))?;
    let text = String::from_utf8_lossy(&start);
    let Some(at) = text.find("http-equiv=\"Content-Security-Policy\"") else {
        return Ok(None);
    };
    let rest = &text[at..];
    let Some(open) = rest.find("content=\"") else {
        return Ok(None);
    };
    let value = &rest[open + 9..];
    let Some(close) = value.find('"') else {
        return Ok(None);
    };
    let policy = value[..close].replace("&#39;", "'").replace("&quot;", "\"");
    // A header value cannot carry line breaks or other control characters.
    Ok((!policy.is_empty() && !policy.chars().any(char::is_control)).then_some(policy))
}

/// `%XX` escapes decoded; None for a bad escape, a NUL or a backslash, or bytes that are not
/// UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    if out.contains(&0) || out.contains(&b'\\') {
        return None;
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "pbf" | "mvt" => "application/vnd.mapbox-vector-tile",
        "mbtiles" => "application/vnd.sqlite3",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RangeAnswer::*;

    #[test]
    fn range_headers() {
        let cases = [
            ("bytes=0-9", 100, Partial { start: 0, end: 9 }),
            ("bytes=90-", 100, Partial { start: 90, end: 99 }),
            ("bytes=90-200", 100, Partial { start: 90, end: 99 }),
            ("bytes=-10", 100, Partial { start: 90, end: 99 }),
            ("bytes=-500", 100, Partial { start: 0, end: 99 }),
            ("bytes=100-", 100, Unsatisfiable),
            ("bytes=100-200", 100, Unsatisfiable),
            ("bytes=-0", 100, Unsatisfiable),
            ("bytes=0-", 0, Unsatisfiable),
            ("bytes=99999999999999999999999-", 100, Unsatisfiable),
            ("bytes=9-0", 100, Full),
            ("bytes=0-1,5-6", 100, Full),
            ("items=0-1", 100, Full),
            ("bytes=a-b", 100, Full),
            ("bytes=-", 100, Full),
        ];
        for (h, len, want) in cases {
            assert_eq!(range_answer(h, len), want, "{h} of {len}");
        }
    }

    #[test]
    fn paths_stay_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "hi").unwrap();
        std::fs::write(dir.path().join("a b.txt"), "x").unwrap();
        let server = Server::bind(dir.path(), 0).unwrap();
        assert!(server.file_for("/").unwrap().ends_with("index.html"));
        assert!(server.file_for("/a%20b.txt?x=1").is_some());
        assert!(server.file_for("/../etc/passwd").is_none());
        assert!(server.file_for("/%2e%2e/etc/passwd").is_none());
        assert!(server.file_for("/%zz").is_none());
        assert!(server.file_for("/missing").is_none());
    }
}
