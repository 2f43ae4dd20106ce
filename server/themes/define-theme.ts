/**
 * Themes and indicators are code: one file per theme, listed in ./index.ts. An indicator names the
 * SQL file (beside it) that computes its series per station and period from published tables.
 */
import type { Localized, Norm, Provenance } from "../api/contract.ts";

export interface IndicatorDefinition {
  id: string;
  name: Localized;
  description: Localized;
  unit: string;
  direction: "lower" | "higher";
  /**
   * SQL file in server/themes/sql computing `area_code, area_name, period, value, coverage` per
   * breakdown unit (station or buurt), and/or for the municipality itself (area_code = $gm).
   */
  seriesSql: string;
  /** Bound parameters of that SQL; `$gm` (the municipality's code) is bound when the SQL uses it. */
  params: Record<string, string | number>;
  /** How the municipality's value is found: its own row from the SQL, or the mean of the breakdown units. */
  municipal: "from-sql" | "mean-of-areas";
  /** Pipelines whose published tables the SQL reads; the first is cited as the source. */
  pipelines: string[];
  qualityTier: Provenance["qualityTier"];
  norms: Norm[];
}

export interface ThemeDefinition {
  id: string;
  name: Localized;
  indicators: IndicatorDefinition[];
}

export const defineTheme = (theme: ThemeDefinition): ThemeDefinition => theme;
