-- Complaints of one kind received per calendar year, for the municipality. The newest year counts
-- only once the register has reached its December (any kind), so a year in progress never looks low.
WITH latest AS (SELECT max(received_on) AS day FROM main.complaints)
SELECT $gm AS area_code, $gm AS area_name, year(c.received_on)::VARCHAR AS period, count(*)::DOUBLE AS value, 1.0 AS coverage
FROM main.complaints c, latest
WHERE c.kind = $kind AND (year(c.received_on) < year(latest.day) OR month(latest.day) = 12)
GROUP BY year(c.received_on)
ORDER BY period
