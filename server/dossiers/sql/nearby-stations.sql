-- The measuring stations nearest to a point, with each component's mean over the last 24 hours and
-- the last 365 days of the station's own data (an hour is dated by its end, as Luchtmeetnet does).
WITH near AS (
  SELECT number, location, meta.distance_m($lat::DOUBLE, $lon::DOUBLE, lat, lon) AS distance_m
  FROM main.air_stations
  ORDER BY distance_m
  LIMIT $limit::INTEGER
), latest AS (
  SELECT station_number, max(timestamp_measured) AS t FROM main.air_measurements
  WHERE station_number IN (SELECT number FROM near) GROUP BY station_number
)
SELECT n.number AS id, n.location AS name, n.distance_m, m.formula,
       strftime(l.t, '%Y-%m-%dT%H:%M:%SZ') AS latest,
       avg(m.value) FILTER (WHERE m.timestamp_measured > l.t - INTERVAL 24 HOUR) AS mean_24h,
       avg(m.value) AS mean_365d
FROM near n
JOIN latest l ON l.station_number = n.number
JOIN main.air_measurements m ON m.station_number = n.number AND m.timestamp_measured > l.t - INTERVAL 365 DAY
GROUP BY ALL
ORDER BY n.distance_m, n.number, m.formula
