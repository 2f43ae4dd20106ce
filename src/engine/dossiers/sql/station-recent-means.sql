-- Each station's mean per component over the last 24 hours and the last 365 days of its own data (an
-- hour is dated by its end, as Luchtmeetnet does), with the 365-day window's first hour and how many
-- of its 8,760 hours have a value: an annual mean is only held against a limit value over a full year.
-- Computed once per publish, not per dossier.
WITH latest AS (
  SELECT station_number, max(timestamp_measured) AS t FROM main.air_quality_measurements GROUP BY station_number
)
SELECT m.station_number AS id, m.formula, strftime(l.t, '%Y-%m-%dT%H:%M:%SZ') AS latest,
       avg(m.value) FILTER (WHERE m.timestamp_measured > l.t - INTERVAL 24 HOUR) AS mean_24h,
       avg(m.value) AS mean_365d,
       strftime(min(m.timestamp_measured), '%Y-%m-%dT%H:%M:%SZ') AS first_365d,
       count(DISTINCT date_trunc('hour', m.timestamp_measured)) FILTER (WHERE m.value IS NOT NULL) AS hours_365d
FROM main.air_quality_measurements m JOIN latest l USING (station_number)
WHERE m.timestamp_measured > l.t - INTERVAL 365 DAY
GROUP BY ALL
ORDER BY id, m.formula
