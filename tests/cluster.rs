//! Clustering for display (supercluster's semantics), the time filter and hotspots, on points
//! built by hand.

use badia::cluster::{ClusterIndex, ClusterItem, ClusterOptions, ClusterPoint, Shown};
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

/// The display-only levels a tile writer uses show, zoom by zoom, what the full index shows
/// over the whole world, with the expansion zoom of every cluster; a point with no usable
/// coordinate is left out of both.
#[test]
fn shown_levels_agree_with_the_index() {
    let mut points = scatter(20_000, 3);
    points[17].lon = f64::NAN;
    for opts in [
        ClusterOptions {
            max_zoom: 13,
            ..ClusterOptions::default()
        },
        ClusterOptions {
            min_zoom: 4,
            max_zoom: 9,
            ..ClusterOptions::default()
        },
    ] {
        let index = ClusterIndex::new(&points, &opts);
        let shown = ClusterIndex::shown_levels(points.len(), |i| points[i], &opts);
        for z in opts.min_zoom..=opts.max_zoom {
            let want = index.clusters(WORLD, z);
            assert_eq!(shown.len(z), want.len(), "zoom {z}");
            for (i, w) in want.iter().enumerate() {
                match (shown.item(z, i), w) {
                    (Shown::Point(a), ClusterItem::Point { index: b, .. }) => assert_eq!(a, *b),
                    (
                        Shown::Cluster {
                            id,
                            x,
                            point_count,
                            fatalities,
                            date_min,
                            date_max,
                            expansion_zoom,
                            ..
                        },
                        ClusterItem::Cluster {
                            id: wid,
                            lon,
                            point_count: wcount,
                            fatalities: wfat,
                            date_min: wmin,
                            date_max: wmax,
                            ..
                        },
                    ) => {
                        assert_eq!(
                            (id, point_count as usize, fatalities, date_min, date_max),
                            (*wid, *wcount, *wfat, *wmin, *wmax)
                        );
                        assert!(((x - 0.5) * 360.0 - lon).abs() < 1e-9);
                        assert_eq!(Some(expansion_zoom), index.expansion_zoom(id));
                    }
                    (a, b) => panic!("zoom {z} item {i}: {a:?} against {b:?}"),
                }
            }
        }
    }
}

// ---- hotspots (DBSCAN over km) ----

use badia::cluster::hotspot::{hotspots, HotspotOptions};

/// A point `km` east of `p`.
fn east_of(p: ClusterPoint, km: f64) -> ClusterPoint {
    ClusterPoint {
        lon: badia::geodesy::moved_by_km([p.lon, p.lat], km, 0.0)[0],
        ..p
    }
}

#[test]
fn a_village_and_the_town_three_km_away_are_one_hotspot_and_far_points_are_noise() {
    let town = ClusterPoint {
        fatalities: 2,
        date: day(5),
        ..pt(38.87, 34.88)
    };
    let points = vec![
        town,
        east_of(town, 0.4),
        ClusterPoint {
            fatalities: 7,
            date: day(1),
            ..east_of(town, 3.0)
        }, // the village
        east_of(town, 3.3),
        east_of(town, 40.0),                // far: noise
        ClusterPoint { lat: 36.0, ..town }, // far: noise
        ClusterPoint {
            date: day(20),
            ..east_of(town, 1.5)
        },
    ];
    let opts = HotspotOptions {
        eps_km: 2.0,
        min_points: 3,
    };
    let result = hotspots(&points, &opts);
    assert_eq!(
        result.labels,
        vec![Some(0), Some(0), Some(0), Some(0), None, None, Some(0)]
    );
    assert_eq!(result.hotspots.len(), 1);
    let h = &result.hotspots[0];
    assert_eq!(h.members, vec![0, 1, 2, 3, 6]);
    assert_eq!(h.fatalities, 2 + 2 + 7 + 2 + 2);
    assert_eq!((h.date_min, h.date_max), (day(1), day(20)));
    assert!(
        (h.lat - 34.88).abs() < 1e-3 && h.lon > 38.87 && h.lon < 38.91,
        "{h:?}"
    );
}

#[test]
fn hotspot_labels_follow_input_order_on_every_run() {
    let a = pt(38.0, 35.0);
    let b = pt(40.0, 35.0);
    let points = vec![
        east_of(b, 0.1),
        b,
        east_of(b, 0.2),
        a,
        east_of(a, 0.3),
        east_of(a, 0.1),
    ];
    let opts = HotspotOptions {
        eps_km: 1.0,
        min_points: 2,
    };
    let first = hotspots(&points, &opts);
    assert_eq!(
        first.labels,
        vec![Some(0), Some(0), Some(0), Some(1), Some(1), Some(1)]
    );
    for _ in 0..3 {
        assert_eq!(hotspots(&points, &opts), first);
    }
    // Two points exactly eps apart are neighbours: inclusive, as DBSCAN defines it.
    let pair = hotspots(
        &[a, east_of(a, 1.0)],
        &HotspotOptions {
            eps_km: 1.0 + 1e-6,
            min_points: 2,
        },
    );
    assert_eq!(pair.labels, vec![Some(0), Some(0)]);
}

// ---- the command line: time filter and output ----

const BIN: &str = env!("CARGO_BIN_EXE_badia");

/// Events as `badia extract` writes them: one Feature per line.
fn events_file(rows: &[(&str, [f64; 2], u32, Option<&str>)]) -> String {
    let mut s = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (i, (id, [lon, lat], dead, date)) in rows.iter().enumerate() {
        let date = date.map_or("null".to_string(), |d| format!("\"{d}\""));
        s += &format!(
            "{{\"type\":\"Feature\",\"id\":\"{id}\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon},{lat}]}},\"properties\":{{\"event_id\":\"{id}\",\"event_date\":{date},\"fatalities\":{dead}}}}}{}\n",
            if i + 1 < rows.len() { "," } else { "" }
        );
    }
    s + "]}\n"
}

fn run(args: &[&str]) -> (std::process::ExitStatus, String) {
    let out = std::process::Command::new(BIN).args(args).output().unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn features(path: &std::path::Path) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["features"].as_array().unwrap().clone()
}

#[test]
fn clusters_after_a_date_filter_count_only_the_events_in_range() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("events.geojson");
    std::fs::write(
        &input,
        events_file(&[
            ("e1", [38.87, 34.88], 3, Some("2024-03-02")),
            ("e2", [38.88, 34.88], 5, Some("2024-03-09")),
            ("e3", [38.89, 34.88], 11, Some("2024-04-20")),
            ("e4", [38.88, 34.89], 1, None),
        ]),
    )
    .unwrap();
    let out = dir.path().join("clusters.geojson");
    let (status, err) = run(&[
        "cluster",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--zoom",
        "5",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-31",
    ]);
    assert!(status.success(), "{err}");
    let fs = features(&out);
    assert_eq!(fs.len(), 1, "{fs:?}");
    let p = &fs[0]["properties"];
    assert_eq!(p["cluster"], true);
    assert_eq!(p["point_count"], 2);
    assert_eq!(p["fatalities"], 8);
    assert_eq!(p["date_min"], "2024-03-02");
    assert_eq!(p["date_max"], "2024-03-09");
    assert_eq!(p["zoom"], 5);
    assert!(p["expansion_zoom"].as_u64().unwrap() > 5);
    assert!(p["cluster_id"].as_u64().is_some());

    // Without the filter, every event, dated or not, is in the cluster.
    let (status, err) = run(&[
        "cluster",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--zoom",
        "5",
    ]);
    assert!(status.success(), "{err}");
    let fs = features(&out);
    assert_eq!(fs[0]["properties"]["point_count"], 4);

    // Every zoom: each zoom accounts for all four events; at the top they are single events.
    let (status, err) = run(&[
        "cluster",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--all-zooms",
    ]);
    assert!(status.success(), "{err}");
    let fs = features(&out);
    for z in 0..=17u64 {
        let n: u64 = fs
            .iter()
            .filter(|f| f["properties"]["zoom"] == z)
            .map(|f| f["properties"]["point_count"].as_u64().unwrap())
            .sum();
        assert_eq!(n, 4, "zoom {z}");
    }
    let top: Vec<_> = fs
        .iter()
        .filter(|f| f["properties"]["zoom"] == 17)
        .collect();
    assert_eq!(top.len(), 4);
    assert_eq!(top[0]["properties"]["event_id"], "e1");
}

#[test]
fn a_bad_feature_is_reported_with_its_line_and_the_rest_is_clustered() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("events.geojson");
    let mut text = events_file(&[
        ("e1", [38.87, 34.88], 3, Some("2024-03-02")),
        ("e2", [38.88, 34.88], 5, Some("2024-03-09")),
    ]);
    text = text.replacen("\"2024-03-09\"", "\"9 March\"", 1);
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("out.geojson");
    let (status, err) = run(&[
        "cluster",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--zoom",
        "3",
    ]);
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(
        err.contains("events.geojson:3:") && err.contains("9 March"),
        "{err}"
    );
    let fs = features(&out);
    assert_eq!(fs.len(), 1);
    assert_eq!(fs[0]["properties"]["event_id"], "e1");
}

#[test]
fn hotspots_label_every_event_and_add_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("events.geojson");
    let town = pt(38.87, 34.88);
    let village = east_of(town, 3.0);
    std::fs::write(
        &input,
        events_file(&[
            ("town", [town.lon, town.lat], 2, Some("2024-03-02")),
            ("village", [village.lon, village.lat], 4, Some("2024-03-05")),
            ("far", [40.0, 35.5], 9, Some("2024-03-05")),
        ]),
    )
    .unwrap();
    let out = dir.path().join("hotspots.geojson");
    let (status, err) = run(&[
        "cluster",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--hotspots",
        "--eps-km",
        "5",
        "--min-points",
        "2",
    ]);
    assert!(status.success(), "{err}");
    let fs = features(&out);
    assert_eq!(fs.len(), 4);
    let label = |i: usize| fs[i]["properties"]["hotspot"].clone();
    assert_eq!(
        (label(0), label(1), label(2)),
        (0.into(), 0.into(), serde_json::Value::Null)
    );
    assert_eq!(fs[0]["properties"]["event_id"], "town");
    let s = &fs[3]["properties"];
    assert_eq!(
        (
            s["summary"].clone(),
            s["point_count"].clone(),
            s["fatalities"].clone()
        ),
        (true.into(), 2.into(), 6.into())
    );
}
