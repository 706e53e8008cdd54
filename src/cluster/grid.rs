//! Fixed-radius neighbour search on a uniform grid, for the greedy clustering pass: every item
//! is binned into a square cell as wide as the radius, the items are sorted by cell, and a
//! query compares an item with the items of its cell and the eight around it. Items already
//! taken by a cluster are dropped from their cell as a query meets them, and are never listed:
//! the greedy pass asks only for the items it can still take, so memory is linear in the items
//! however many sit at one spot (a list of every neighbour pair grows with their square), and
//! so is time, since an item a query lists is taken at once. Distances are inclusive
//! (`dx² + dy² <= r²`, like supercluster's KD-tree). Where an item's cell and the eight around
//! it hold few items (`FEW`, nearly every item at the high zooms), its neighbours are listed
//! beforehand, in parallel and reading the cells in order; the greedy pass, which must go in
//! input order, then only drops the taken ones from the list. Much faster than one R-tree query
//! per item when the radius is fixed (measured in `benches/cluster.rs`); the R-tree serves the
//! box queries.

use rayon::prelude::*;

/// Items in a block of 3×3 cells up to which the neighbours of its middle cell's items are
/// listed beforehand: at most `FEW - 1` each, so the lists stay linear in the items.
const FEW: u32 = 16;
/// Cells per parallel task.
const CELLS_PER_TASK: usize = 4096;
/// `Grid::listed` of an item with no other item in its block.
const LONELY: u32 = u32::MAX;
/// `Grid::listed` of an item in a crowded block, whose neighbours are found when asked.
const CROWDED: u32 = u32::MAX - 1;

/// Largest cell coordinate: cell indices stay below 2^31, so a key packs row and column.
const MAX_CELL: f64 = (1u64 << 31) as f64 - 2.0;

/// Cell coordinates are offset by one so that the column and row to the left exist.
fn key(row: u64, col: u64) -> u64 {
    (row << 32) | col
}

/// Lists of a run of cells: `(item, LONELY)` or `(item, offset of its list)`, and the lists.
type Lists = (Vec<(u32, u32)>, Vec<u32>);

/// An item in cell order: its position and its index in the input.
#[derive(Clone, Copy)]
struct Slot {
    x: f64,
    y: f64,
    item: u32,
}

/// The items binned by cell. Within a cell, the items not yet taken come first.
pub(crate) struct Grid {
    slots: Vec<Slot>,
    /// Sorted keys of the cells that hold items; cell `c` holds `slots[start[c]..start[c + 1]]`.
    keys: Vec<u64>,
    start: Vec<u32>,
    /// How many of a cell's slots, from its start, are not taken yet (as far as queries saw).
    alive: Vec<u32>,
    /// For each cell, the first cell at or after column `col - 1` of the rows above, at and
    /// below it: a query walks three runs of cells from there.
    rows: Vec<[u32; 3]>,
    /// The cell of every input item.
    cell_of: Vec<u32>,
    /// Per input item: `LONELY`, `CROWDED`, or its row in `list_start`, whose neighbours
    /// (listed beforehand) are `list[list_start[row]..list_start[row + 1]]`, ascending.
    listed: Vec<u32>,
    list_start: Vec<u32>,
    list: Vec<u32>,
    r2: f64,
}

impl Grid {
    /// Bins the items `(xs[i], ys[i])` for queries within radius `r`.
    pub(crate) fn new(xs: &[f64], ys: &[f64], r: f64) -> Grid {
        let n = xs.len();
        // Lists of up to FEW - 1 neighbours an item are indexed by u32.
        assert!(n <= (u32::MAX / FEW) as usize, "at most 2^28 items");
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
                |a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)),
            );
        // A cell never narrower than the radius (so the 3×3 block covers it) nor so narrow
        // that the span needs more than 2^31 cells.
        let cell = r
            .max((x1 - x0).max(y1 - y0) / MAX_CELL)
            .max(f64::MIN_POSITIVE);
        let coord = |v: f64, origin: f64| ((v - origin) / cell).clamp(0.0, MAX_CELL) as u64 + 1;
        let mut sorted: Vec<(u64, u32)> = (0..n)
            .into_par_iter()
            .map(|i| (key(coord(ys[i], y0), coord(xs[i], x0)), i as u32))
            .collect();
        sorted.par_sort_unstable();

        let mut keys = Vec::new();
        let mut start = Vec::new();
        let mut cell_of = vec![0u32; n];
        for (p, &(k, i)) in sorted.iter().enumerate() {
            if keys.last() != Some(&k) {
                keys.push(k);
                start.push(p as u32);
            }
            cell_of[i as usize] = (keys.len() - 1) as u32;
        }
        start.push(n as u32);
        let slots: Vec<Slot> = sorted
            .par_iter()
            .map(|&(_, i)| Slot {
                x: xs[i as usize],
                y: ys[i as usize],
                item: i,
            })
            .collect();
        drop(sorted);
        let alive: Vec<u32> = start.windows(2).map(|w| w[1] - w[0]).collect();
        // In cell order each row's first cell only moves forward: one binary search per task.
        let all = &keys;
        let rows: Vec<[u32; 3]> = keys
            .par_chunks(CELLS_PER_TASK)
            .flat_map_iter(|chunk| {
                let mut ptr = [0usize; 3];
                for (d, p) in ptr.iter_mut().enumerate() {
                    *p = all.partition_point(|&q| q < row_start(chunk[0], d));
                }
                chunk.iter().map(move |&k| {
                    let mut r = [0u32; 3];
                    for d in 0..3 {
                        let lo = row_start(k, d);
                        while ptr[d] < all.len() && all[ptr[d]] < lo {
                            ptr[d] += 1;
                        }
                        r[d] = ptr[d] as u32;
                    }
                    r
                })
            })
            .collect();
        let mut grid = Grid {
            slots,
            keys,
            start,
            alive,
            rows,
            cell_of,
            listed: Vec::new(),
            list_start: Vec::new(),
            list: Vec::new(),
            r2: r * r,
        };
        grid.list_the_few();
        grid
    }

    /// Lists beforehand, in parallel, the neighbours of the items whose block of 3×3 cells
    /// holds at most `FEW` items.
    fn list_the_few(&mut self) {
        let cells = self.keys.len();
        let this = &*self;
        let chunks: Vec<Lists> = (0..cells)
            .into_par_iter()
            .step_by(CELLS_PER_TASK)
            .map(|first| this.list_cells(first..(first + CELLS_PER_TASK).min(cells)))
            .collect();
        let mut listed = vec![CROWDED; self.cell_of.len()];
        let mut list_start = Vec::new();
        let mut list = Vec::with_capacity(chunks.iter().map(|c| c.1.len()).sum());
        // A chunk's lists follow each other, so each ends where the next begins.
        for (rows, items) in chunks {
            let base = list.len() as u32;
            for (item, from) in rows {
                listed[item as usize] = if from == LONELY {
                    LONELY
                } else {
                    list_start.push(base + from);
                    (list_start.len() - 1) as u32
                };
            }
            list.extend_from_slice(&items);
        }
        list_start.push(list.len() as u32);
        self.listed = listed;
        self.list_start = list_start;
        self.list = list;
    }

    /// The lists of the items of `cells` whose blocks hold few items: `(item, LONELY)`, or
    /// `(item, offset)` of its list in the returned items.
    fn list_cells(&self, cells: std::ops::Range<usize>) -> Lists {
        let mut rows = Vec::new();
        let mut items = Vec::new();
        let mut near_cells = Vec::with_capacity(9);
        for c in cells {
            near_cells.clear();
            let mut block = 0;
            for d in 0..3 {
                let hi = row_end(self.keys[c], d);
                let mut q = self.rows[c][d] as usize;
                while q < self.keys.len() && self.keys[q] <= hi {
                    near_cells.push(q);
                    block += self.start[q + 1] - self.start[q];
                    q += 1;
                }
            }
            if block > FEW {
                continue;
            }
            for a in self.start[c] as usize..self.start[c + 1] as usize {
                let me = self.slots[a];
                if block == 1 {
                    rows.push((me.item, LONELY));
                    continue;
                }
                let from = items.len();
                for &q in &near_cells {
                    for b in &self.slots[self.start[q] as usize..self.start[q + 1] as usize] {
                        let (dx, dy) = (b.x - me.x, b.y - me.y);
                        if b.item != me.item && dx * dx + dy * dy <= self.r2 {
                            items.push(b.item);
                        }
                    }
                }
                items[from..].sort_unstable();
                rows.push((me.item, from as u32));
            }
        }
        (rows, items)
    }

    /// Into `out`, in ascending order, the items within the radius of item `i` (at `(x, y)`,
    /// as given to [`Grid::new`]) that are not `taken` (`i` itself excluded). Taken items met
    /// on the way leave the grid for good, so `taken` may only grow between queries.
    pub(crate) fn near_untaken(
        &mut self,
        (i, x, y): (usize, f64, f64),
        taken: &[bool],
        out: &mut Vec<u32>,
    ) {
        out.clear();
        match self.listed[i] {
            LONELY => return,
            CROWDED => {}
            row => {
                let row = row as usize;
                let listed =
                    &self.list[self.list_start[row] as usize..self.list_start[row + 1] as usize];
                out.extend(listed.iter().filter(|&&k| !taken[k as usize]));
                return;
            }
        }
        let c = self.cell_of[i] as usize;
        let k = self.keys[c];
        for d in 0..3 {
            let hi = row_end(k, d);
            let mut q = self.rows[c][d] as usize;
            while q < self.keys.len() && self.keys[q] <= hi {
                self.scan_cell(q, (x, y, i), taken, out);
                q += 1;
            }
        }
        out.sort_unstable();
    }

    /// Lists cell `q`'s untaken items within the radius of `(x, y)` other than `i`; drops its
    /// taken ones (moved behind the untaken).
    fn scan_cell(
        &mut self,
        q: usize,
        (x, y, i): (f64, f64, usize),
        taken: &[bool],
        out: &mut Vec<u32>,
    ) {
        let first = self.start[q] as usize;
        let mut end = first + self.alive[q] as usize;
        let mut s = first;
        while s < end {
            let slot = self.slots[s];
            if taken[slot.item as usize] {
                end -= 1;
                self.slots.swap(s, end);
                continue;
            }
            let (dx, dy) = (slot.x - x, slot.y - y);
            if slot.item as usize != i && dx * dx + dy * dy <= self.r2 {
                out.push(slot.item);
            }
            s += 1;
        }
        self.alive[q] = (end - first) as u32;
    }
}

/// The first key a query from the cell keyed `k` reads in row `d - 1` relative to it.
fn row_start(k: u64, d: usize) -> u64 {
    k - (1 << 32) + ((d as u64) << 32) - 1
}

/// The last key a query from the cell keyed `k` reads in row `d - 1` relative to it.
fn row_end(k: u64, d: usize) -> u64 {
    k - (1 << 32) + ((d as u64) << 32) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(xs: &[f64], ys: &[f64], r: f64, i: usize, taken: &[bool]) -> Vec<u32> {
        (0..xs.len())
            .filter(|&j| {
                j != i && !taken[j] && (xs[j] - xs[i]).powi(2) + (ys[j] - ys[i]).powi(2) <= r * r
            })
            .map(|j| j as u32)
            .collect()
    }

    /// The grid agrees with comparing every pair, before and while items are taken.
    #[test]
    fn matches_all_pairs() {
        let mut s = 99u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        for &(n, r) in &[(300, 0.05), (500, 0.01), (50, 2.0), (200, 1e-9), (400, 0.2)] {
            let xs: Vec<f64> = (0..n).map(|_| next()).collect();
            let mut ys: Vec<f64> = (0..n).map(|_| next()).collect();
            ys[3] = ys[2]; // a tie on the row
            let mut grid = Grid::new(&xs, &ys, r);
            let mut taken = vec![false; n];
            let mut got = Vec::new();
            for i in 0..n {
                grid.near_untaken((i, xs[i], ys[i]), &taken, &mut got);
                assert_eq!(got, brute(&xs, &ys, r, i, &taken), "n {n} r {r} item {i}");
                // Take every third item, and sometimes what the query found.
                if i % 3 == 0 {
                    taken[i] = true;
                    if i % 2 == 0 {
                        for &k in &got {
                            taken[k as usize] = true;
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_point_exactly_one_radius_away_is_a_neighbour() {
        let mut grid = Grid::new(&[0.0, 0.25, 0.75], &[0.0, 0.0, 0.0], 0.25);
        let mut got = Vec::new();
        let none = [false; 3];
        grid.near_untaken((0, 0.0, 0.0), &none, &mut got);
        assert_eq!(got, [1]);
        grid.near_untaken((1, 0.25, 0.0), &none, &mut got);
        assert_eq!(got, [0]);
        grid.near_untaken((2, 0.75, 0.0), &none, &mut got);
        assert!(got.is_empty());
    }

    /// Many items at one point: each is listed once, and taken items are dropped.
    #[test]
    fn items_at_one_point() {
        let n = 10_000;
        let (xs, ys) = (vec![0.5; n], vec![0.5; n]);
        let mut grid = Grid::new(&xs, &ys, 1e-6);
        let mut taken = vec![false; n];
        let mut got = Vec::new();
        taken[0] = true;
        grid.near_untaken((0, 0.5, 0.5), &taken, &mut got);
        assert_eq!(got, (1..n as u32).collect::<Vec<_>>());
        for &k in &got {
            taken[k as usize] = true;
        }
        grid.near_untaken((5, 0.5, 0.5), &taken, &mut got);
        assert!(got.is_empty());
        assert_eq!(grid.alive.iter().sum::<u32>(), 0);
    }
}
