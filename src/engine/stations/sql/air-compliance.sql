-- One calendar year ($year) per station and pollutant: hours measured, valid days, the annual mean,
-- and how often the daily means ($dailyNorms) and hourly values ($hourlyNorms) went above each limit
-- value. Norms and formulas come in as JSON parameters (src/engine/themes/norms.ts), never as SQL text.
-- Hours are dated by their start and a day counts with enough hours (meta.hour_start,
-- meta.is_valid_day: src/store/domain-rules.sql). The tier is the least checked hour's, as in the
-- annual-mean indicator: the year's last UTC hour lies in RIVM's next-year file and does not count.
WITH hourly AS (
  SELECT station_number, formula, value, meta.hour_start(timestamp_measured) AS hour,
         CASE WHEN meta.rivm_year(timestamp_measured) = year(meta.hour_start(timestamp_measured))
              THEN coalesce(list_position(['unvalidated', 'provisional', 'validated'], tier), 1) END AS tier_rank
  FROM main.air_quality_measurements
  WHERE year(meta.hour_start(timestamp_measured)) = $year::INTEGER
    AND formula IN (SELECT unnest(json_transform($formulas::JSON, '["VARCHAR"]')))
), daily AS (
  SELECT station_number, formula, avg(value) AS mean
  FROM hourly
  GROUP BY station_number, formula, CAST(hour AS DATE)
  HAVING meta.is_valid_day(count(*))
), daily_norms AS (
  SELECT unnest(json_transform($dailyNorms::JSON, '[{"formula":"VARCHAR","normId":"VARCHAR","value":"DOUBLE"}]'), recursive := true)
), hourly_norms AS (
  SELECT unnest(json_transform($hourlyNorms::JSON, '[{"formula":"VARCHAR","normId":"VARCHAR","value":"DOUBLE"}]'), recursive := true)
), yearly AS (
  SELECT station_number, formula, count(*)::INTEGER AS hours, avg(value) AS mean,
         ['unvalidated', 'provisional', 'validated'][coalesce(min(tier_rank), 1)] AS tier
  FROM hourly
  GROUP BY station_number, formula
), valid_days AS (
  SELECT station_number, formula, count(*)::INTEGER AS days FROM daily GROUP BY station_number, formula
), days_above AS (
  SELECT station_number, formula, list({'normId': normId, 'count': count} ORDER BY normId) AS counts
  FROM (SELECT d.station_number, d.formula, n.normId, count(*) FILTER (WHERE d.mean > n.value)::INTEGER AS count
        FROM daily d JOIN daily_norms n ON n.formula = d.formula
        GROUP BY d.station_number, d.formula, n.normId)
  GROUP BY station_number, formula
), hours_above AS (
  SELECT station_number, formula, list({'normId': normId, 'count': count} ORDER BY normId) AS counts
  FROM (SELECT h.station_number, h.formula, n.normId, count(*) FILTER (WHERE h.value > n.value)::INTEGER AS count
        FROM hourly h JOIN hourly_norms n ON n.formula = h.formula
        GROUP BY h.station_number, h.formula, n.normId)
  GROUP BY station_number, formula
)
SELECT s.number, s.location, s.type, s.lat, s.lon, s.buurt_code, y.formula, y.hours, y.mean, y.tier,
       y.hours / datediff('hour', make_timestamp($year::INTEGER, 1, 1, 0, 0, 0), make_timestamp($year::INTEGER + 1, 1, 1, 0, 0, 0)) AS coverage,
       coalesce(v.days, 0) AS valid_days,
       coalesce(v.days, 0) / datediff('day', make_date($year::INTEGER, 1, 1), make_date($year::INTEGER + 1, 1, 1)) AS day_coverage,
       coalesce(da.counts, []) AS days_above,
       coalesce(ha.counts, []) AS hours_above
FROM yearly y
JOIN main.air_quality_stations s ON s.number = y.station_number
LEFT JOIN valid_days v USING (station_number, formula)
LEFT JOIN days_above da USING (station_number, formula)
LEFT JOIN hours_above ha USING (station_number, formula)
ORDER BY s.number, y.formula
