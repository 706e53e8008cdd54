//! Clustering for display (supercluster's semantics), the time filter and hotspots, on points
//! built by hand.

use badia::cluster::{ClusterIndex, ClusterItem, ClusterOptions, ClusterPoint};
use chrono::NaiveDate;

const WORLD: [f64; 4] = [-180.0, -90.0, 180.0, 90.0];

fn pt(lon: f64, lat: f64) -> ClusterPoint {
    ClusterPoint {
        lon,
        lat,
        fatalities: 0,
        date: None,
    }
}

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 3, d)
}

fn clusters_of(items: &[ClusterItem]) -> Vec<&ClusterItem> {
    items
        .iter()
        .filter(|i| matches!(i, ClusterItem::Cluster { .. }))
        .collect()
}

fn id_of(item: &ClusterItem) -> u64 {
    match item {
        ClusterItem::Cluster { id, .. } => *id,
        ClusterItem::Point { .. } => panic!("a point, not a cluster: {item:?}"),
    }
}

fn total_points(items: &[ClusterItem]) -> usize {
    items
        .iter()
        .map(|i| match i {
            ClusterItem::Point { .. } => 1,
            ClusterItem::Cluster { point_count, .. } => *point_count,
        })
        .sum()
}

/// Two points 0.01° of longitude apart on the equator are 2.78e-5 apart in Mercator units; the
/// radius at zoom z is 40 / (512 · 2^z), so they merge up to zoom 11 and split from zoom 12.
#[test]
fn two_points_within_radius_merge_at_low_zoom_and_split_at_high_zoom() {
    let index = ClusterIndex::new(&[pt(10.0, 0.0), pt(10.01, 0.0)], &ClusterOptions::default());
    for z in 0..=11 {
        let items = index.clusters(WORLD, z);
        assert_eq!(items.len(), 1, "zoom {z}: {items:?}");
        match &items[0] {
            ClusterItem::Cluster {
                point_count, lon, ..
            } => {
                assert_eq!(*point_count, 2);
                assert!((lon - 10.005).abs() < 1e-9, "weighted centre, got {lon}");
            }
            other => panic!("zoom {z}: expected a cluster, got {other:?}"),
        }
    }
    for z in 12..=20 {
        let items = index.clusters(WORLD, z);
        assert_eq!(items.len(), 2, "zoom {z}: {items:?}");
        assert!(clusters_of(&items).is_empty());
    }
    // The cluster grew at zoom 11 from item 0: supercluster's id (0 << 5) + 11 + 1 + 2 points.
    let id = id_of(&index.clusters(WORLD, 3)[0]);
    assert_eq!(id, 14);
    assert_eq!(index.expansion_zoom(id), Some(12));
    assert_eq!(index.leaves(id), Some(vec![0, 1]));
}

#[test]
fn points_far_apart_never_cluster_below_the_radius() {
    // 90° apart: even at zoom 0 the radius is 40/512 of the world = 28° of longitude.
    let index = ClusterIndex::new(
        &[pt(-90.0, 0.0), pt(0.0, 0.0), pt(90.0, 0.0)],
        &ClusterOptions::default(),
    );
    assert_eq!(index.clusters(WORLD, 0).len(), 3);
}

/// A tight pair and a third point nearby: the pair clusters first, the third joins at a lower
/// zoom; children and leaves lead back to every input point.
#[test]
fn children_and_leaves_lead_back_to_the_points() {
    let points = [
        ClusterPoint {
            fatalities: 3,
            date: day(2),
            ..pt(38.0, 35.0)
        },
        ClusterPoint {
            fatalities: 4,
            date: day(9),
            ..pt(38.001, 35.0)
        },
        ClusterPoint {
            fatalities: 5,
            date: None,
            ..pt(38.2, 35.0)
        },
    ];
    let index = ClusterIndex::new(&points, &ClusterOptions::default());
    let top = index.clusters(WORLD, 0);
    assert_eq!(top.len(), 1);
    let ClusterItem::Cluster {
        id,
        point_count,
        fatalities,
        date_min,
        date_max,
        ..
    } = top[0]
    else {
        panic!("expected one cluster: {top:?}");
    };
    assert_eq!((point_count, fatalities), (3, 12));
    assert_eq!((date_min, date_max), (day(2), day(9)));

    let mut leaves = index.leaves(id).unwrap();
    leaves.sort();
    assert_eq!(leaves, vec![0, 1, 2]);

    // Walk down: every cluster's children add up to its count, until only points remain.
    let mut stack = vec![id];
    let mut seen_points = Vec::new();
    while let Some(id) = stack.pop() {
        let children = index.children(id).unwrap();
        assert!(children.len() >= 2, "a cluster has at least two children");
        let ClusterItem::Cluster { point_count, .. } = index
            .clusters(WORLD, 0)
            .into_iter()
            .chain((1..=16).flat_map(|z| index.clusters(WORLD, z)))
            .find(|i| matches!(i, ClusterItem::Cluster { id: c, .. } if *c == id))
            .unwrap()
        else {
            unreachable!()
        };
        assert_eq!(total_points(&children), point_count);
        for c in children {
            match c {
                ClusterItem::Point { index, .. } => seen_points.push(index),
                ClusterItem::Cluster { id, .. } => stack.push(id),
            }
        }
    }
    seen_points.sort();
    assert_eq!(seen_points, vec![0, 1, 2]);

    // The pair's own cluster splits where the two are more than a radius apart.
    let pair = index
        .clusters(WORLD, 10)
        .into_iter()
        .find(|i| matches!(i, ClusterItem::Cluster { point_count: 2, .. }))
        .expect("the pair is a cluster at zoom 10");
    let ClusterItem::Cluster {
        fatalities,
        date_min,
        date_max,
        ..
    } = pair
    else {
        unreachable!()
    };
    assert_eq!((fatalities, date_min, date_max), (7, day(2), day(9)));
    let ez = index.expansion_zoom(id_of(&pair)).unwrap();
    assert!(index.clusters(WORLD, ez).len() > index.clusters(WORLD, ez - 1).len());
}

#[test]
fn unknown_ids_are_none() {
    let index = ClusterIndex::new(&[pt(10.0, 0.0), pt(10.01, 0.0)], &ClusterOptions::default());
    for id in [0, 1, 2, 13, 15, 46, u64::MAX] {
        assert_eq!(index.children(id), None, "{id}");
        assert_eq!(index.leaves(id), None, "{id}");
        assert_eq!(index.expansion_zoom(id), None, "{id}");
    }
}

#[test]
fn a_box_across_the_antimeridian_finds_points_on_both_sides() {
    let index = ClusterIndex::new(
        &[
            pt(179.5, 0.0),
            pt(-179.5, 0.0),
            pt(0.0, 0.0),
            pt(170.0, 50.0),
        ],
        &ClusterOptions::default(),
    );
    let mut found: Vec<usize> = index
        .clusters([175.0, -10.0, -175.0, 10.0], 17)
        .into_iter()
        .map(|i| match i {
            ClusterItem::Point { index, .. } => index,
            other => panic!("{other:?}"),
        })
        .collect();
    found.sort();
    assert_eq!(found, vec![0, 1]);
    // A box 360° wide or more is the whole world.
    assert_eq!(index.clusters([-200.0, -90.0, 200.0, 90.0], 17).len(), 4);
}

#[test]
fn min_points_keeps_small_groups_as_points() {
    let opts = ClusterOptions {
        min_points: 3,
        ..ClusterOptions::default()
    };
    let index = ClusterIndex::new(&[pt(10.0, 0.0), pt(10.01, 0.0)], &opts);
    assert_eq!(index.clusters(WORLD, 0).len(), 2);
    let index = ClusterIndex::new(&[pt(10.0, 0.0), pt(10.01, 0.0), pt(10.02, 0.0)], &opts);
    assert_eq!(index.clusters(WORLD, 0).len(), 1);
}

/// Seeded pseudo-random points (xorshift), so the test needs no extra crate.
fn scatter(n: usize, seed: u64) -> Vec<ClusterPoint> {
    let mut s = seed;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|i| ClusterPoint {
            lon: 35.7 + 6.7 * next(),
            lat: 32.3 + 5.1 * next(),
            fatalities: (i % 7) as u32,
            date: day(1 + (i % 28) as u32),
        })
        .collect()
}

#[test]
fn every_zoom_accounts_for_every_point() {
    let points = scatter(5000, 7);
    let index = ClusterIndex::new(&points, &ClusterOptions::default());
    let mut last = 0;
    for z in 0..=17 {
        let items = index.clusters(WORLD, z);
        assert_eq!(total_points(&items), points.len(), "zoom {z}");
        assert!(
            items.len() >= last,
            "zoom {z} has fewer items than the zoom below"
        );
        last = items.len();
        let fat: u64 = items
            .iter()
            .map(|i| match i {
                ClusterItem::Point { index, .. } => points[*index].fatalities as u64,
                ClusterItem::Cluster { fatalities, .. } => *fatalities,
            })
            .sum();
        assert_eq!(fat, points.iter().map(|p| p.fatalities as u64).sum::<u64>());
    }
}

#[test]
fn output_is_the_same_on_one_thread_and_many() {
    let points = scatter(20_000, 11);
    let many = ClusterIndex::new(&points, &ClusterOptions::default());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let one = pool.install(|| ClusterIndex::new(&points, &ClusterOptions::default()));
    for z in 0..=17 {
        assert_eq!(many.clusters(WORLD, z), one.clusters(WORLD, z), "zoom {z}");
    }
}
