//! The tile grid: Web Mercator projection of WGS84 degrees into world pixels at a zoom, which
//! tiles a point or a line touches (with the tile buffer), and clipping lines to a tile.

use crate::geodesy;

/// Position in the world square, 0..1 from west and from north ([`crate::geodesy`]'s Web
/// Mercator, a longitude beyond ±180° at the square's edge).
pub(crate) fn mercator(lon: f64, lat: f64) -> (f64, f64) {
    (
        geodesy::mercator_x(lon).clamp(0.0, 1.0),
        geodesy::mercator_y(lat),
    )
}

/// The tile grid of one zoom, in tile coordinate units (`extent` per tile).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    pub zoom: u8,
    pub extent: f64,
    pub buffer: f64,
}

impl Grid {
    /// Number of tiles along one side of the world.
    pub fn tiles(&self) -> u32 {
        1u32 << self.zoom
    }

    /// World pixel of a lon/lat (0..tiles*extent).
    pub fn pixel(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = mercator(lon, lat);
        let size = f64::from(self.tiles()) * self.extent;
        (x * size, y * size)
    }

    /// World pixel of a Web Mercator position in `[0, 1]`.
    pub fn world_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let size = f64::from(self.tiles()) * self.extent;
        (x * size, y * size)
    }

    /// Tile column or row range whose buffered square holds the span `lo..=hi` of world pixels.
    pub fn span(&self, lo: f64, hi: f64) -> std::ops::RangeInclusive<u32> {
        let last = i64::from(self.tiles()) - 1;
        let first = (((lo - self.buffer) / self.extent).floor() as i64).clamp(0, last);
        let end = (((hi + self.buffer) / self.extent).floor() as i64).clamp(0, last);
        first as u32..=end as u32
    }

    /// A world pixel in the local coordinates of tile `(tx, ty)`, rounded.
    pub fn local(&self, tx: u32, ty: u32, px: f64, py: f64) -> (i32, i32) {
        (
            (px - f64::from(tx) * self.extent).round() as i32,
            (py - f64::from(ty) * self.extent).round() as i32,
        )
    }

    /// Clips a polyline in world pixels to the buffered square of tile `(tx, ty)` and returns the
    /// pieces inside, in local coordinates (each piece at least two distinct vertices).
    pub fn clip_line(&self, tx: u32, ty: u32, line: &[(f64, f64)]) -> Vec<Vec<(i32, i32)>> {
        let x0 = f64::from(tx) * self.extent - self.buffer;
        let y0 = f64::from(ty) * self.extent - self.buffer;
        let (x1, y1) = (
            x0 + self.extent + 2.0 * self.buffer,
            y0 + self.extent + 2.0 * self.buffer,
        );
        let mut pieces: Vec<Vec<(i32, i32)>> = Vec::new();
        let mut current: Vec<(i32, i32)> = Vec::new();
        for w in line.windows(2) {
            match clip_segment(w[0], w[1], x0, y0, x1, y1) {
                Some((a, b)) => {
                    let a = self.local(tx, ty, a.0, a.1);
                    let b = self.local(tx, ty, b.0, b.1);
                    if current.last() != Some(&a) {
                        finish_piece(&mut pieces, &mut current);
                        current.push(a);
                    }
                    if current.last() != Some(&b) {
                        current.push(b);
                    }
                }
                None => finish_piece(&mut pieces, &mut current),
            }
        }
        finish_piece(&mut pieces, &mut current);
        pieces
    }
}

fn finish_piece(pieces: &mut Vec<Vec<(i32, i32)>>, current: &mut Vec<(i32, i32)>) {
    let piece = std::mem::take(current);
    if piece.len() >= 2 {
        pieces.push(piece);
    }
}

/// Liang–Barsky clipping of segment `a`–`b` to the rectangle `x0..x1` × `y0..y1`.
fn clip_segment(
    a: (f64, f64),
    b: (f64, f64),
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damascus_falls_in_its_osm_tile() {
        // Damascus (36.29 E, 33.51 N) is in OSM tile 10/615/410.
        let g = Grid {
            zoom: 10,
            extent: 4096.0,
            buffer: 64.0,
        };
        let (px, py) = g.pixel(36.29, 33.51);
        assert_eq!((g.span(px, px), g.span(py, py)), (615..=615, 410..=410));
    }

    #[test]
    fn a_point_near_an_edge_lands_in_both_tiles() {
        let g = Grid {
            zoom: 2,
            extent: 4096.0,
            buffer: 64.0,
        };
        assert_eq!(g.span(4096.0 - 10.0, 4096.0 - 10.0), 0..=1);
        assert_eq!(g.span(2000.0, 2000.0), 0..=0);
        assert_eq!(g.span(-5.0, -5.0), 0..=0);
    }

    #[test]
    fn a_line_through_a_tile_is_cut_at_its_buffer() {
        let g = Grid {
            zoom: 1,
            extent: 4096.0,
            buffer: 64.0,
        };
        let pieces = g.clip_line(0, 0, &[(-1000.0, 100.0), (5000.0, 100.0)]);
        assert_eq!(pieces, vec![vec![(-64, 100), (4160, 100)]]);
        assert!(g
            .clip_line(1, 1, &[(-1000.0, 100.0), (5000.0, 100.0)])
            .is_empty());
    }
}
