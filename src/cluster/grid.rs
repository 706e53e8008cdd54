//! Fixed-radius neighbour search on a uniform grid: every item is binned into a square cell as
//! wide as the radius, the items are sorted by cell, and each cell is compared with the eight
//! around it, walking three rows of cells at once. In come plane coordinates and a radius in
//! the same unit; out come, for every item, the other items within the radius (inclusive, like
//! supercluster's KD-tree), sorted by index. Much faster than one R-tree query per item when
//! the radius is fixed, which is why the clustering uses it to find neighbours (measured in
//! `benches/cluster.rs`); the R-tree serves the box queries.

use rayon::prelude::*;

/// For every item, the others within the radius: compressed rows, indexed through `pos`.
pub(crate) struct Neighbours {
    /// Row of item `i` in `start`, or `LONELY` when it has no neighbour (the common case at
    /// high zooms, which then reads nothing else).
    pos: Vec<u32>,
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Neighbours {
    /// The items within the radius of item `i`, not `i` itself, in ascending order.
    pub(crate) fn of(&self, i: usize) -> &[u32] {
        let p = self.pos[i];
        if p == LONELY {
            return &[];
        }
        let p = p as usize;
        &self.items[self.start[p] as usize..self.start[p + 1] as usize]
    }
}

const LONELY: u32 = u32::MAX;

/// Largest cell coordinate: cell indices stay below 2^31, so a key packs row and column.
const MAX_CELL: f64 = (1u64 << 31) as f64 - 2.0;
/// Cells per parallel task.
const CELLS_PER_TASK: usize = 4096;

/// Cell coordinates are offset by one so that the column and row to the left exist.
fn key(row: u64, col: u64) -> u64 {
    (row << 32) | col
}

/// The other items within `r` of each item (`dx² + dy² <= r²`).
pub(crate) fn within(xs: &[f64], ys: &[f64], r: f64) -> Neighbours {
    let n = xs.len();
    assert!(n < u32::MAX as usize, "at most 2^32 - 1 items");
    if n == 0 {
        return Neighbours {
            pos: Vec::new(),
            start: vec![0],
            items: Vec::new(),
        };
    }
    let fold = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
        (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3))
    };
    let (x0, y0, x1, y1) = (0..n)
        .into_par_iter()
        .map(|i| (xs[i], ys[i], xs[i], ys[i]))
        .reduce(
            || {
                (
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                )
            },
            fold,
        );
    // A cell never narrower than the radius (so the 3×3 block covers it) nor so narrow that
    // the span needs more than 2^31 cells.
    let cell = r
        .max((x1 - x0).max(y1 - y0) / MAX_CELL)
        .max(f64::MIN_POSITIVE);
    let coord = |v: f64, origin: f64| ((v - origin) / cell).clamp(0.0, MAX_CELL) as u64 + 1;
    let mut sorted: Vec<(u64, u32)> = (0..n)
        .into_par_iter()
        .map(|i| (key(coord(ys[i], y0), coord(xs[i], x0)), i as u32))
        .collect();
    sorted.par_sort_unstable();
    // Coordinates in cell order, so comparing neighbouring cells reads memory in sequence.
    let at: Vec<[f64; 2]> = sorted
        .par_iter()
        .map(|&(_, i)| [xs[i as usize], ys[i as usize]])
        .collect();

    // Runs of one cell: cell_keys[c] spans sorted[cell_start[c]..cell_start[c + 1]].
    let mut cell_keys = Vec::new();
    let mut cell_start = Vec::new();
    for (p, &(k, _)) in sorted.iter().enumerate() {
        if cell_keys.last() != Some(&k) {
            cell_keys.push(k);
            cell_start.push(p as u32);
        }
    }
    cell_start.push(n as u32);

    let r2 = r * r;
    let chunks: Vec<(Vec<u32>, Vec<u32>)> = (0..cell_keys.len())
        .into_par_iter()
        .step_by(CELLS_PER_TASK)
        .map(|first| {
            let last = (first + CELLS_PER_TASK).min(cell_keys.len());
            let grid = Grid {
                at: &at,
                sorted: &sorted,
                cell_keys: &cell_keys,
                cell_start: &cell_start,
                r2,
            };
            grid.search(first..last)
        })
        .collect();

    let mut start = Vec::with_capacity(n + 1);
    let mut items = Vec::with_capacity(chunks.iter().map(|c| c.1.len()).sum());
    for (counts, list) in chunks {
        let base = items.len() as u32;
        start.extend(counts[..counts.len() - 1].iter().map(|&s| s + base));
        items.extend_from_slice(&list);
    }
    start.push(items.len() as u32);
    let mut pos = vec![LONELY; n];
    for (p, &(_, i)) in sorted.iter().enumerate() {
        if start[p] != start[p + 1] {
            pos[i as usize] = p as u32;
        }
    }
    Neighbours { pos, start, items }
}

/// The sorted items and their cells, shared by the parallel tasks.
struct Grid<'a> {
    at: &'a [[f64; 2]],
    sorted: &'a [(u64, u32)],
    cell_keys: &'a [u64],
    cell_start: &'a [u32],
    r2: f64,
}

impl Grid<'_> {
    /// Neighbour lists of the items of cells `cells`, in sorted order: the offsets (one per
    /// item, plus the end) and the concatenated lists.
    fn search(&self, cells: std::ops::Range<usize>) -> (Vec<u32>, Vec<u32>) {
        let (first_item, end_item) = (
            self.cell_start[cells.start] as usize,
            self.cell_start[cells.end] as usize,
        );
        let mut start = Vec::with_capacity(end_item - first_item + 1);
        let mut items = Vec::new();
        // One pointer per row above, at, and below: each only moves forward.
        let first_key = self.cell_keys[cells.start];
        let mut ptr = [0usize; 3];
        for (d, p) in ptr.iter_mut().enumerate() {
            let lo = first_key - (1 << 32) + ((d as u64) << 32) - 1;
            *p = self.cell_keys.partition_point(|&k| k < lo);
        }
        let mut near_cells = Vec::with_capacity(9);
        for c in cells {
            let k = self.cell_keys[c];
            near_cells.clear();
            for (d, p) in ptr.iter_mut().enumerate() {
                let row_key = k - (1 << 32) + ((d as u64) << 32);
                let (lo, hi) = (row_key - 1, row_key + 1);
                while *p < self.cell_keys.len() && self.cell_keys[*p] < lo {
                    *p += 1;
                }
                let mut q = *p;
                while q < self.cell_keys.len() && self.cell_keys[q] <= hi {
                    near_cells.push(q);
                    q += 1;
                }
            }
            for a in self.cell_start[c] as usize..self.cell_start[c + 1] as usize {
                start.push(items.len() as u32);
                let from = items.len();
                let [x, y] = self.at[a];
                for &q in &near_cells {
                    for b in self.cell_start[q] as usize..self.cell_start[q + 1] as usize {
                        let [bx, by] = self.at[b];
                        let (dx, dy) = (bx - x, by - y);
                        if b != a && dx * dx + dy * dy <= self.r2 {
                            items.push(self.sorted[b].1);
                        }
                    }
                }
                items[from..].sort_unstable();
            }
        }
        start.push(items.len() as u32);
        (start, items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid agrees with comparing every pair.
    #[test]
    fn matches_all_pairs() {
        let mut s = 99u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        for &(n, r) in &[(300, 0.05), (500, 0.01), (50, 2.0), (200, 1e-9)] {
            let xs: Vec<f64> = (0..n).map(|_| next()).collect();
            let mut ys: Vec<f64> = (0..n).map(|_| next()).collect();
            ys[3] = ys[2]; // a tie on the row
            let got = within(&xs, &ys, r);
            for i in 0..n {
                let want: Vec<u32> = (0..n)
                    .filter(|&j| {
                        j != i && (xs[j] - xs[i]).powi(2) + (ys[j] - ys[i]).powi(2) <= r * r
                    })
                    .map(|j| j as u32)
                    .collect();
                assert_eq!(got.of(i), want.as_slice(), "n {n} r {r} item {i}");
            }
        }
    }

    #[test]
    fn a_point_exactly_one_radius_away_is_a_neighbour() {
        let got = within(&[0.0, 0.25, 0.75], &[0.0, 0.0, 0.0], 0.25);
        assert_eq!(got.of(0), &[1]);
        assert_eq!(got.of(1), &[0]);
        assert!(got.of(2).is_empty());
    }
}
