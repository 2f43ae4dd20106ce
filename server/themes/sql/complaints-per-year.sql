-- Complaints of one kind received per calendar year, per buurt (NULL: outside every buurt). The newest
-- year counts only once the register has reached its December (any kind), so a year in progress
-- never looks low. Each complaint is a unit for disclosure control.
WITH latest AS (SELECT max(received_on) AS day FROM main.complaints)
SELECT c.buurt_code AS area_code, year(c.received_on)::VARCHAR AS period, count(*)::DOUBLE AS value, count(*) AS units
FROM main.complaints c, latest
WHERE c.kind = $kind AND (year(c.received_on) < year(latest.day) OR month(latest.day) = 12)
GROUP BY ALL
ORDER BY period, area_code
