-- The citizen sensors (PM2.5, indicative) nearest to a point within a radius, with their mean over
-- the last 24 hours and 365 days of their own data.
WITH near AS (
  SELECT datastream_id, name, meta.distance_m($lat::DOUBLE, $lon::DOUBLE, lat, lon) AS distance_m
  FROM main.air_sensors
  WHERE meta.distance_m($lat::DOUBLE, $lon::DOUBLE, lat, lon) <= $radius::DOUBLE
  ORDER BY distance_m
  LIMIT $limit::INTEGER
), latest AS (
  SELECT datastream_id, max(phenomenon_time) AS t FROM main.air_sensor_observations
  WHERE datastream_id IN (SELECT datastream_id FROM near) GROUP BY datastream_id
)
SELECT n.datastream_id::VARCHAR AS id, n.name, n.distance_m, 'PM25' AS formula,
       strftime(l.t, '%Y-%m-%dT%H:%M:%SZ') AS latest,
       avg(o.result) FILTER (WHERE o.phenomenon_time > l.t - INTERVAL 24 HOUR) AS mean_24h,
       avg(o.result) AS mean_365d
FROM near n
JOIN latest l USING (datastream_id)
JOIN main.air_sensor_observations o ON o.datastream_id = n.datastream_id AND o.phenomenon_time > l.t - INTERVAL 365 DAY
GROUP BY ALL
ORDER BY n.distance_m, id
