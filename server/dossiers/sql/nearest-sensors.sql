-- The $limit citizen sensors nearest to a point within $radius metres.
SELECT datastream_id::VARCHAR AS id, name, meta.distance_m($lat::DOUBLE, $lon::DOUBLE, lat, lon) AS distance_m
FROM main.air_sensors WHERE meta.distance_m($lat::DOUBLE, $lon::DOUBLE, lat, lon) <= $radius::DOUBLE
ORDER BY distance_m, id LIMIT $limit::INTEGER
