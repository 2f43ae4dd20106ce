-- The domain's rules on hours and days, written once as macros and used by every query that needs
-- them (the indicators in src/engine/themes/indicators, src/engine/stations/sql, src/engine/alerts/sql; docs/decisions/0017). Applied at
-- every open, after schema.sql: CREATE OR REPLACE, so a changed rule takes effect at the next start.

-- An hourly value is stamped with the end of its hour (Luchtmeetnet's timestamp_measured 01:00 is
-- the hour 00:00–01:00). The hour is dated by its start, so it falls in the day and year in which it
-- was measured: the value stamped 00:00 on 2 January belongs to 1 January.
CREATE OR REPLACE MACRO meta.hour_start(hour_end) AS hour_end - INTERVAL 1 HOUR;

-- The year of RIVM's bulk files an hour is published in: they run in UTC+1 (winter time all year),
-- so the hour from 23:00 UTC on 31 December, which begins at midnight there, is in next year's files.
-- Its start in UTC+1 is its end in UTC.
CREATE OR REPLACE MACRO meta.rivm_year(hour_end) AS year(hour_end);

-- A daily mean counts only with at least 18 of its 24 hours measured (75 %, as the EU air-quality
-- directives 2008/50/EC and 2024/2881 require); `hours` is the number of hourly values of the day.
CREATE OR REPLACE MACRO meta.is_valid_day(hours) AS hours >= 18;
