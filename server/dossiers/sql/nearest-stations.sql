-- The $limit measuring stations nearest to a point.
SELECT number AS id, location AS name, meta.distance_m($lat::DOUBLE, $lon::DOUBLE, lat, lon) AS distance_m
FROM main.air_stations ORDER BY distance_m, id LIMIT $limit::INTEGER
