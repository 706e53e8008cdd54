//! A small static file server to preview a map folder: files under one root, on 127.0.0.1
//! only, with HTTP Range requests (RFC 9110 §14), which the PMTiles reader in the page needs
//! (`python3 -m http.server` ignores `Range`). GET and HEAD; a single byte range is answered
//! with 206 and `Content-Range`, a range past the end with 416, several ranges with the whole
//! file (which RFC 9110 allows). HTTP itself is tiny_http's.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use crate::error::Error;

/// A bound server: call [`Server::run`] to answer requests.
pub struct Server {
    http: tiny_http::Server,
    root: PathBuf,
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
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        if !root.is_dir() {
            return Err(Error::InFile {
                path: root,
                message: "is not a folder".into(),
            });
        }
        let http = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| Error::Format(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        Ok(Server { http, root })
    }

    /// The address the server listens on, e.g. `http://127.0.0.1:8000/`.
    pub fn url(&self) -> String {
        match self.http.server_addr().to_ip() {
            Some(addr) => format!("http://{addr}/"),
            None => "http://127.0.0.1/".into(),
        }
    }

    /// Answers requests until the process ends, on `workers` threads.
    pub fn run(&self, workers: usize) {
        std::thread::scope(|s| {
            for _ in 0..workers.max(1) {
                s.spawn(|| {
                    for request in self.http.incoming_requests() {
                        // A client that went away mid-answer is not the server's problem.
                        let _ = self.answer(request);
                    }
                });
            }
        });
    }

    fn answer(&self, request: Request) -> std::io::Result<()> {
        if !matches!(request.method(), Method::Get | Method::Head) {
            let allow = header("Allow", "GET, HEAD");
            return request.respond(text(405, "method not allowed").with_header(allow));
        }
        let Some(path) = self.file_for(request.url()) else {
            return request.respond(text(404, "not found"));
        };
        let Ok(mut file) = File::open(&path) else {
            return request.respond(text(404, "not found"));
        };
        let len = file.metadata()?.len();
        let range = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Range"))
            .map(|h| h.value.as_str().to_string());
        // A conditional range (If-Range) is only honoured with validators; send it all.
        let conditional = request.headers().iter().any(|h| h.field.equiv("If-Range"));
        let answer = match range {
            Some(r) if !conditional => range_answer(&r, len),
            _ => RangeAnswer::Full,
        };
        let mut headers = vec![
            header("Content-Type", content_type(&path)),
            header("Accept-Ranges", "bytes"),
            header("Cache-Control", "no-cache"),
            header("X-Content-Type-Options", "nosniff"),
        ];
        let (status, start, count) = match answer {
            RangeAnswer::Full => (200, 0, len),
            RangeAnswer::Partial { start, end } => {
                headers.push(header(
                    "Content-Range",
                    &format!("bytes {start}-{end}/{len}"),
                ));
                (206, start, end - start + 1)
            }
            RangeAnswer::Unsatisfiable => {
                let mut r = text(416, "range not satisfiable");
                r.add_header(header("Content-Range", &format!("bytes */{len}")));
                r.add_header(header("Accept-Ranges", "bytes"));
                return request.respond(r);
            }
        };
        file.seek(SeekFrom::Start(start))?;
        let body = file.take(count);
        let response = Response::new(
            StatusCode(status),
            headers,
            body,
            Some(count as usize),
            None,
        )
        .with_chunked_threshold(usize::MAX);
        request.respond(response)
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
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
