//! The merge's temporary file: events wait in it, encoded, while the merge is planned on
//! their compact [`Report`](super::Report)s, and are read back by number when their groups
//! are combined (and, for the wording of undated reports, [`SpillReader::texts`]).

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Arc;

use rayon::prelude::*;

use super::Texts;
use crate::error::Error;
use crate::model::Event;

/// An event in the file's form, encoded in `scratch` (kept from event to event, so that a
/// record grows no buffer of its own) and copied out at its size.
fn encode(e: &Event, scratch: &mut Vec<u8>) -> Result<Vec<u8>, Error> {
    scratch.clear();
    postcard::to_io(e, &mut *scratch).map_err(|e| Error::Format(e.to_string()))?;
    Ok(scratch.clone())
}

/// An event read back from [`SpillReader::record`].
pub(crate) fn decode(record: &[u8]) -> Result<Event, Error> {
    postcard::from_bytes(record).map_err(|e| Error::Format(e.to_string()))
}

/// Events waiting in an anonymous temporary file (gone when dropped), one after the other in
/// postcard's compact binary form (several times faster to write and read back than JSON);
/// `offsets` tell where each starts.
pub(crate) struct Spill {
    file: BufWriter<File>,
    offsets: Vec<u64>,
    end: u64,
}

impl Spill {
    pub(crate) fn new() -> Result<Spill, Error> {
        let file = tempfile::tempfile().map_err(|e| Error::io(&std::env::temp_dir(), e))?;
        Ok(Spill {
            file: BufWriter::with_capacity(1 << 16, file),
            offsets: Vec::new(),
            end: 0,
        })
    }

    /// Adds events, encoded (and dropped) in parallel, written in order.
    pub(crate) fn put(&mut self, events: Vec<Event>) -> Result<(), Error> {
        let records: Vec<Vec<u8>> = events
            .into_par_iter()
            .map_init(Vec::new, |scratch, e| encode(&e, scratch))
            .collect::<Result<_, Error>>()?;
        for record in records {
            self.file.write_all(&record).map_err(Self::error)?;
            self.offsets.push(self.end);
            self.end += record.len() as u64;
        }
        Ok(())
    }

    pub(crate) fn read_back(self) -> Result<SpillReader, Error> {
        let mut file = self
            .file
            .into_inner()
            .map_err(|e| Self::error(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(Self::error)?;
        Ok(SpillReader {
            file: BufReader::with_capacity(1 << 16, file),
            offsets: Arc::new(self.offsets),
            end: self.end,
            at: 0,
        })
    }

    fn error(e: std::io::Error) -> Error {
        Error::io(&std::env::temp_dir(), e)
    }
}

/// Reads events back from a [`Spill`] by number. Groups come in the order of their first
/// reports, so those are read in file order through a buffer; the other members of a group
/// lie anywhere after, and unless they come next they are read where they are, leaving the
/// buffer where it stands.
pub(crate) struct SpillReader {
    file: BufReader<File>,
    offsets: Arc<Vec<u64>>,
    end: u64,
    /// The file position the buffered reader stands at.
    at: u64,
}

impl SpillReader {
    /// The evidence sentences of event `i`, read where it lies (without moving the reader):
    /// what the merge compares wording by.
    pub(crate) fn texts(&self) -> Result<Arc<Texts>, Error> {
        let file = self.file.get_ref().try_clone().map_err(Spill::error)?;
        let offsets = Arc::clone(&self.offsets);
        let end = self.end;
        Ok(Arc::new(move |i: usize| {
            let want = offsets[i];
            let till = offsets.get(i + 1).copied().unwrap_or(end);
            let mut record = vec![0; (till - want) as usize];
            // An event that cannot be read back compares no wording; reading it for output
            // reports the error.
            if read_at(&file, &mut record, want).is_err() {
                return Vec::new();
            }
            decode(&record)
                .map(|e| e.evidence.into_iter().map(|ev| ev.text).collect())
                .unwrap_or_default()
        }))
    }

    /// The encoded event `i`; `first` for the first report of a group.
    pub(crate) fn record(&mut self, i: usize, first: bool) -> Result<Vec<u8>, Error> {
        let want = self.offsets[i];
        let till = self.offsets.get(i + 1).copied().unwrap_or(self.end);
        let mut record = vec![0; (till - want) as usize];
        if want == self.at || (first && want > self.at) {
            let by = want - self.at;
            if by > 0 {
                self.file.seek_relative(by as i64).map_err(Spill::error)?;
            }
            self.file.read_exact(&mut record).map_err(Spill::error)?;
            self.at = till;
        } else {
            read_at(self.file.get_ref(), &mut record, want).map_err(Spill::error)?;
        }
        Ok(record)
    }
}

/// Fills `buf` from `file` at `offset`, leaving the file's position where it was.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    // `seek_read` moves the position: put it back for the buffered reader.
    let mut f = file;
    let back = f.stream_position()?;
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    f.seek(SeekFrom::Start(back))?;
    Ok(())
}
