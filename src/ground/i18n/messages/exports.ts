/**
 * The words of exported files that people read: the provenance comment line above a CSV's header and
 * the establishment dossier's CSV. Column headers are column definitions ({nl, en} beside each column).
 */
import { defineMessages } from "../define-messages.ts";

export const exportMessages = defineMessages(
  {
    "export.source": "bron: {source}",
    "export.licence": "licentie: {licence}",
    "export.run": "pipelinerun: {run}",
    "export.quality": "kwaliteit: {tier}",
    "export.indicator": "indicator: {indicator}",
    "export.unit": "eenheid: {unit}",
    "export.period": "periode: {period}",
    "export.tier.validated": "gevalideerd",
    "export.tier.provisional": "voorlopig",
    "export.tier.modelled": "gemodelleerd",
    "export.tier.indicative": "indicatief",
    "export.dossier.establishment": "inrichting {id}: {name}, {address}, {postcode} {city}; SBI {sbi} {activity}; categorie {category}",
    "export.dossier.sources": "dossier per {date}; bronnen: {sources}",
    "export.dossier.source": "{source} ({licence}, run {run})",
    "export.dossier.kind.permit": "vergunning",
    "export.dossier.kind.inspection": "inspectie",
    "export.dossier.kind.complaint": "klacht",
    "export.dossier.kind.openItem": "open punt",
    "export.dossier.permit": "{type}; besloten {decided}; geldig tot {validUntil}; geluidsgrens {noise} dB(A); stofgrens {dust} mg/m3",
    "export.dossier.inspection": "{violations} overtreding(en); hercontrole {followUp}",
    "export.dossier.noneYet": "nog geen",
  },
  {
    "export.source": "source: {source}",
    "export.licence": "licence: {licence}",
    "export.run": "pipeline run: {run}",
    "export.quality": "quality: {tier}",
    "export.indicator": "indicator: {indicator}",
    "export.unit": "unit: {unit}",
    "export.period": "period: {period}",
    "export.tier.validated": "validated",
    "export.tier.provisional": "provisional",
    "export.tier.modelled": "modelled",
    "export.tier.indicative": "indicative",
    "export.dossier.establishment": "establishment {id}: {name}, {address}, {postcode} {city}; SBI {sbi} {activity}; category {category}",
    "export.dossier.sources": "dossier as of {date}; sources: {sources}",
    "export.dossier.source": "{source} ({licence}, run {run})",
    "export.dossier.kind.permit": "permit",
    "export.dossier.kind.inspection": "inspection",
    "export.dossier.kind.complaint": "complaint",
    "export.dossier.kind.openItem": "open item",
    "export.dossier.permit": "{type}; decided {decided}; valid until {validUntil}; noise limit {noise} dB(A); dust limit {dust} mg/m3",
    "export.dossier.inspection": "{violations} violation(s); follow-up {followUp}",
    "export.dossier.noneYet": "none yet",
  },
);
