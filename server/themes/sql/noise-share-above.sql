-- Share of homes with road-traffic noise at or above $threshold dB Lden (a class boundary: 55, 60,
-- 65 or 70), per buurt and noise-map year; rolled up weighted by the buurt's homes (CBS, latest year).
WITH homes AS (
  SELECT area_code, arg_max(value, period) AS homes FROM main.area_key_figures
  WHERE measure = 'homes' AND value IS NOT NULL GROUP BY area_code
)
SELECT n.buurt_code AS area_code, n.year::VARCHAR AS period,
       round(100 * coalesce(sum(n.share) FILTER (WHERE CASE n.class WHEN 'le55' THEN 0 WHEN '55_60' THEN 55 WHEN '60_65' THEN 60 WHEN '65_70' THEN 65 ELSE 70 END >= $threshold), 0), 2) AS value,
       coalesce(any_value(h.homes), 0) AS weight
FROM main.noise_exposure n LEFT JOIN homes h ON h.area_code = n.buurt_code
GROUP BY n.buurt_code, n.year
ORDER BY period, area_code
