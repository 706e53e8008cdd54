//! Distances and projections on the Earth, in one place for every stage: great-circle
//! kilometres on a sphere of the Earth's mean radius, the degrees a distance spans, points
//! moved by a distance, and Web Mercator. In come (lon, lat) WGS84 degrees; out come
//! kilometres, degrees, positions on the unit sphere or Web Mercator coordinates.
//!
//! One sphere serves every distance ([`EARTH_RADIUS_KM`]): a point moved 10 km by
//! [`moved_by_km`] lies 10 km away by [`distance_km`]. Web Mercator has its own sphere,
//! [`WEB_MERCATOR_RADIUS_M`], the one its definition (EPSG:3857) fixes.

use std::f64::consts::{FRAC_PI_2, PI};

use crate::model::Direction;

/// The Earth's mean radius (IUGG), km: the sphere of every distance here.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Kilometres in one degree of a great circle (a degree of latitude), about 111.195.
pub const KM_PER_DEGREE: f64 = EARTH_RADIUS_KM * PI / 180.0;

/// The radius of Web Mercator's sphere (EPSG:3857), metres.
pub const WEB_MERCATOR_RADIUS_M: f64 = 6_378_137.0;

/// The latitude where Web Mercator's square world ends, degrees: atan(sinh π).
pub const MERCATOR_MAX_LAT: f64 = 85.051_128_779_806_6;

/// Great-circle distance between two (lon, lat) points, in km (haversine).
///
/// ```
/// use badia::geodesy::distance_km;
/// let palmyra_to_deir_ez_zor = distance_km([38.28, 34.56], [40.14, 35.33]);
/// assert!((palmyra_to_deir_ez_zor - 189.9).abs() < 0.1);
/// ```
pub fn distance_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (lon1, lat1) = (a[0].to_radians(), a[1].to_radians());
    let (lon2, lat2) = (b[0].to_radians(), b[1].to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Kilometres in one degree of longitude at latitude `lat` (degrees).
pub fn km_per_degree_lon(lat: f64) -> f64 {
    KM_PER_DEGREE * lat.to_radians().cos()
}

/// The point `east_km` east and `north_km` north of `p` (negative: west, south), kept on the
/// globe: latitudes stop at the poles, near a pole a step east is no step at all, and
/// longitudes wrap at ±180°.
///
/// ```
/// use badia::geodesy::{distance_km, moved_by_km};
/// let palmyra = [38.28, 34.56];
/// let south = moved_by_km(palmyra, 0.0, -10.0);
/// assert!((distance_km(palmyra, south) - 10.0).abs() < 1e-9);
/// ```
pub fn moved_by_km(p: [f64; 2], east_km: f64, north_km: f64) -> [f64; 2] {
    let lat = (p[1] + north_km / KM_PER_DEGREE).clamp(-90.0, 90.0);
    let cos = p[1].to_radians().cos();
    let dlon = if cos > 1e-6 {
        east_km / (KM_PER_DEGREE * cos)
    } else {
        0.0
    };
    let lon = p[0] + dlon;
    let lon = if (-180.0..=180.0).contains(&lon) {
        lon
    } else {
        (lon + 180.0).rem_euclid(360.0) - 180.0
    };
    [lon, lat]
}

/// The (lon, lat) box, as its south-west and north-east corners, holding every point within
/// `km` of `p` by [`distance_km`], with a margin for rounding; the whole range of longitudes
/// (`f64::MIN` to `f64::MAX`) near the poles or the antimeridian.
pub fn box_within_km(p: [f64; 2], km: f64) -> ([f64; 2], [f64; 2]) {
    let margin = |deg: f64| deg * 1.01 + 1e-9;
    let dlat = margin((km / EARTH_RADIUS_KM).to_degrees());
    let far = p[1].abs() + dlat;
    // haversine: cos φ1 · cos φ2 · sin²(Δλ/2) ≤ sin²(d / 2R), and |φ2| ≤ far.
    let h = (km / (2.0 * EARTH_RADIUS_KM)).sin().powi(2);
    let c = p[1].to_radians().cos() * far.to_radians().cos();
    let dlon = if far < 89.0 && h < c {
        margin((2.0 * (h / c).sqrt().asin()).to_degrees())
    } else {
        f64::INFINITY
    };
    let (west, east) = if p[0] - dlon > -180.0 && p[0] + dlon < 180.0 {
        (p[0] - dlon, p[0] + dlon)
    } else {
        (f64::MIN, f64::MAX)
    };
    ([west, p[1] - dlat], [east, p[1] + dlat])
}

/// Whether `to` lies in direction `dir` from `from`, within 67.5° of it (the compass word's
/// own sector and half of each neighbour's), and more than a km off.
pub fn lies_towards(from: [f64; 2], to: [f64; 2], dir: Direction) -> bool {
    if distance_km(from, to) < 1.0 {
        return false;
    }
    let (ex, ny) = dir.vector();
    let dx = (to[0] - from[0]) * km_per_degree_lon(from[1]);
    let dy = (to[1] - from[1]) * KM_PER_DEGREE;
    (dx * ex + dy * ny) / dx.hypot(dy) >= 67.5_f64.to_radians().cos()
}

/// The squared distance from `from` to `to` on a plane drawn true at `from`'s latitude, in
/// degrees of latitude squared: enough to tell the nearer of points a few km apart without
/// trigonometry per point.
pub fn flat_distance2(from: [f64; 2], to: [f64; 2]) -> f64 {
    let coslat = from[1].to_radians().cos();
    (to[1] - from[1]).powi(2) + ((to[0] - from[0]) * coslat).powi(2)
}

/// The point on the unit sphere of (lon, lat): x towards 0° E on the equator, y towards
/// 90° E, z towards the north pole.
pub fn unit_vector(lon: f64, lat: f64) -> [f64; 3] {
    let (lon, lat) = (lon.to_radians(), lat.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The (lon, lat) of a direction from the Earth's centre (any length but zero): the inverse
/// of [`unit_vector`].
pub fn lon_lat_of_vector([x, y, z]: [f64; 3]) -> [f64; 2] {
    [y.atan2(x).to_degrees(), z.atan2(x.hypot(y)).to_degrees()]
}

/// The straight-line length through the Earth, km, between two points `arc_km` apart on its
/// surface (at most the diameter).
pub fn chord_km(arc_km: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * (arc_km / (2.0 * EARTH_RADIUS_KM)).min(FRAC_PI_2).sin()
}

/// Web Mercator x of a longitude, in the world square `[0, 1]` from the west (not clamped:
/// a longitude outside ±180° lies outside).
pub fn mercator_x(lon: f64) -> f64 {
    lon / 360.0 + 0.5
}

/// Web Mercator y of a latitude, in the world square `[0, 1]` from the north; latitudes
/// beyond ±[`MERCATOR_MAX_LAT`] are at its edges.
pub fn mercator_y(lat: f64) -> f64 {
    let sin = (lat * PI / 180.0).sin();
    let y = 0.5 - 0.25 * ((1.0 + sin) / (1.0 - sin)).ln() / PI;
    y.clamp(0.0, 1.0)
}

/// The longitude of a Web Mercator x (the inverse of [`mercator_x`]).
pub fn mercator_lon(x: f64) -> f64 {
    (x - 0.5) * 360.0
}

/// The latitude of a Web Mercator y (the inverse of [`mercator_y`]).
pub fn mercator_lat(y: f64) -> f64 {
    let y2 = (180.0 - y * 360.0) * PI / 180.0;
    360.0 * y2.exp().atan() / PI - 90.0
}

/// Web Mercator (EPSG:3857) metres of a lon/lat: east and north of (0°, 0°).
pub fn mercator_metres(lon: f64, lat: f64) -> (f64, f64) {
    let world = 2.0 * PI * WEB_MERCATOR_RADIUS_M;
    (
        (mercator_x(lon) - 0.5) * world,
        (0.5 - mercator_y(lat)) * world,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstar::Envelope;

    #[test]
    fn a_degree_of_latitude_is_a_degree_of_great_circle() {
        let d = distance_km([38.0, 34.0], [38.0, 35.0]);
        assert!((d - KM_PER_DEGREE).abs() < 1e-9, "{d}");
        assert!((KM_PER_DEGREE - 111.195).abs() < 1e-3);
    }

    #[test]
    fn a_move_east_is_that_far() {
        for lat in [0.0, 33.0, 35.0, 37.0, 60.0] {
            let p = [38.0, lat];
            let q = moved_by_km(p, 10.0, 0.0);
            // East along a parallel is a little longer than the great circle between its ends.
            let d = distance_km(p, q);
            assert!(d <= 10.0 && d > 9.999, "{lat}: {d}");
            assert!((km_per_degree_lon(lat) * (q[0] - p[0]) - 10.0).abs() < 1e-9);
        }
    }

    #[test]
    fn moves_stay_on_the_globe() {
        assert_eq!(moved_by_km([179.99, 0.0], 10.0, 0.0)[0].round(), -180.0);
        assert_eq!(moved_by_km([0.0, 89.99], 0.0, 100.0)[1], 90.0);
        assert_eq!(moved_by_km([10.0, 90.0], 50.0, 0.0), [10.0, 90.0]);
    }

    #[test]
    fn box_holds_every_point_within_reach() {
        let centres = [
            [38.28, 34.55],
            [0.0, 0.0],
            [179.99, 60.0],
            [-179.99, -60.0],
            [10.0, 85.0],
            [10.0, -89.95],
        ];
        for p in centres {
            let (sw, ne) = box_within_km(p, 5.0);
            let b = rstar::AABB::from_corners(sw, ne);
            let mut inside = 0;
            for i in -60..=60 {
                for j in -60..=60 {
                    let q = [p[0] + f64::from(i) * 0.01, p[1] + f64::from(j) * 0.001];
                    if q[1].abs() <= 90.0 && distance_km(p, q) <= 5.0 {
                        inside += 1;
                        assert!(b.contains_point(&q), "{q:?} near {p:?} outside {b:?}");
                    }
                }
            }
            assert!(inside > 0, "no sample within reach of {p:?}");
        }
    }

    #[test]
    fn the_nearer_point_is_nearer_on_the_plane() {
        let p = [38.28, 34.56];
        let (east, north) = (moved_by_km(p, 3.0, 0.0), moved_by_km(p, 0.0, 3.5));
        assert!(flat_distance2(p, east) < flat_distance2(p, north));
    }

    #[test]
    fn vectors_and_chords_agree_with_distances() {
        let (a, b) = ([38.28, 34.56], [40.14, 35.33]);
        let (va, vb) = (unit_vector(a[0], a[1]), unit_vector(b[0], b[1]));
        let chord = EARTH_RADIUS_KM
            * va.iter()
                .zip(vb)
                .map(|(x, y)| (x - y).powi(2))
                .sum::<f64>()
                .sqrt();
        assert!((chord - chord_km(distance_km(a, b))).abs() < 1e-6);
        let back = lon_lat_of_vector(va);
        assert!((back[0] - a[0]).abs() < 1e-12 && (back[1] - a[1]).abs() < 1e-12);
        assert!((chord_km(1e9) - 2.0 * EARTH_RADIUS_KM).abs() < 1e-9);
    }

    #[test]
    fn mercator_of_known_points() {
        assert_eq!((mercator_x(-180.0), mercator_x(180.0)), (0.0, 1.0));
        assert!((mercator_y(0.0) - 0.5).abs() < 1e-15);
        assert_eq!((mercator_y(90.0), mercator_y(-90.0)), (0.0, 1.0));
        assert!(mercator_y(MERCATOR_MAX_LAT).abs() < 1e-12);
        assert!((mercator_lat(mercator_y(35.0)) - 35.0).abs() < 1e-12);
        assert!((mercator_lon(mercator_x(38.28)) - 38.28).abs() < 1e-12);
        let (x, y) = mercator_metres(180.0, 0.0);
        assert!((x - 20_037_508.342_789_244).abs() < 1e-6 && y.abs() < 1e-6);
        // 35° N in EPSG:3857, as PROJ gives it.
        assert!((mercator_metres(0.0, 35.0).1 - 4_163_881.144).abs() < 0.01);
    }
}
