-- Each citizen sensor's PM2.5 mean over the last 24 hours and the last 365 days of its own data, with
-- the 365-day window's first observation and the number of its hours with a value (the same columns
-- as the stations', though a sensor's mean is never held against a limit value).
-- Computed once per publish, not per dossier.
WITH latest AS (
  SELECT datastream_id, max(phenomenon_time) AS t FROM main.air_quality_sensor_observations GROUP BY datastream_id
)
SELECT o.datastream_id::VARCHAR AS id, 'PM25' AS formula, strftime(l.t, '%Y-%m-%dT%H:%M:%SZ') AS latest,
       avg(o.result) FILTER (WHERE o.phenomenon_time > l.t - INTERVAL 24 HOUR) AS mean_24h,
       avg(o.result) AS mean_365d,
       strftime(min(o.phenomenon_time), '%Y-%m-%dT%H:%M:%SZ') AS first_365d,
       count(DISTINCT date_trunc('hour', o.phenomenon_time)) FILTER (WHERE o.result IS NOT NULL) AS hours_365d
FROM main.air_quality_sensor_observations o JOIN latest l USING (datastream_id)
WHERE o.phenomenon_time > l.t - INTERVAL 365 DAY
GROUP BY ALL
ORDER BY id
