import type { Engine } from '../../engine/Engine.ts';
import { ident, literal } from '../../engine/sql.ts';
import type { Columns, LabelledBuilder } from './kit.ts';

/**
 * ISO-style country names carry a comma ("Palestine, State of"); these tails are glued back
 * to their name before a Sponsor list is split on commas.
 */
const NAME_TAILS = [
  'State of',
  'Republic of',
  'The Democratic Republic of the',
  'Democratic Republic of the',
  "Democratic People's Republic of",
  'Islamic Republic of',
  'Federated States of',
  'Plurinational State of',
  'Bolivarian Republic of',
  'United Republic of',
  'Province of China',
];

export const CFR_TYPES = [
  'Espionage',
  'Sabotage',
  'Denial of service',
  'Data destruction',
  'Financial theft',
  'Doxing',
  'Defacement',
];

function sponsors(c: Columns): string {
  const tails = NAME_TAILS.map((t) => t.replace(/'/g, "''")).join('|');
  const glued = `regexp_replace(${c.text('Sponsor')}, ',\\s*(${tails})', chr(1) || ' \\1', 'g')`;
  return `CASE WHEN ${c.text('Sponsor')} IS NOT NULL THEN [trim(replace(x, chr(1), ',')) FOR x IN string_split(${glued}, ',') IF trim(x) <> ''] END`;
}

function victims(c: Columns): string {
  const parts = `regexp_split_to_array(${c.text('Victims')}, '\\s*[,;]\\s*(?:and\\s+)?')`;
  return `CASE WHEN ${c.text('Victims')} IS NOT NULL THEN [trim(x) FOR x IN ${parts} IF trim(x) <> ''] END`;
}

export function incidentDate(c: Columns): string {
  return `coalesce(TRY_CAST(${c.q('Date')} AS DATE), CAST(try_strptime(${c.text('Date')}, '%m/%d/%Y') AS DATE))`;
}

/** CFR Cyber Operations Tracker export. */
export function cfrAdapter(b: LabelledBuilder): void {
  b.describe('Title', 'Name of the operation');
  b.describe('Date', 'Date reported (M/D/YYYY in the export)');
  b.describe('Affiliations', 'Threat actor / affiliation');
  b.describe('Response', 'Response type followed by a source URL');
  b.describe('Victims', 'Victims (free text)');
  b.describe('Sponsor', 'Suspected state sponsor(s), comma-joined');
  b.describe(
    'Type',
    'Type of operation',
    CFR_TYPES.map((t) => [t, t] as const),
  );
  b.describe('Category', 'Victim category, comma-joined');
  b.add(
    'incident_date',
    (c) => incidentDate(c),
    'Date parsed as DATE (NULL when missing or unparseable)',
  );
  b.add('year', (c) => `year(${incidentDate(c)})`, 'Year of incident_date');
  b.add(
    'response_type',
    (c) => `NULLIF(trim(regexp_replace(${c.text('Response')}, 'https?://\\S*', '', 'g')), '')`,
    'Response with its source URL removed (Denouncement, Criminal charges, Sanctions, …)',
  );
  b.add(
    'response_url',
    (c) => `NULLIF(regexp_extract(${c.text('Response')}, 'https?://\\S+'), '')`,
    'Source URL given with the response',
  );
  b.add('sponsor_list', (c) => sponsors(c), 'Sponsor split into a list');
  b.add('n_sponsors', (c) => `len(${sponsors(c)})`, 'Number of sponsors listed');
  b.add(
    'victim_list',
    (c) => victims(c),
    'Victims split on commas and semicolons (rough: free text)',
  );
  b.add(
    'category_list',
    (c) =>
      `CASE WHEN ${c.text('Category')} IS NOT NULL THEN [trim(x) FOR x IN string_split(${c.text('Category')}, ',') IF trim(x) <> ''] END`,
    'Category split into a list',
  );
}

/** Reports dates the tracker export leaves empty or writes in a form that does not parse. */
export async function cfrChecks(engine: Engine, view: string): Promise<string[]> {
  const { rows } = await engine.query(
    `SELECT count(*) FILTER (WHERE NULLIF(trim(CAST(${ident('Date')} AS VARCHAR)), '') IS NULL) AS empty,
       count(*) FILTER (WHERE NULLIF(trim(CAST(${ident('Date')} AS VARCHAR)), '') IS NOT NULL AND incident_date IS NULL) AS unparseable,
       count(*) FILTER (WHERE lower(${ident('Type')}) NOT IN (${CFR_TYPES.map((t) => literal(t.toLowerCase())).join(', ')})) AS odd_type
     FROM ${ident(view)}`,
  );
  const { empty, unparseable, odd_type: oddType } = rows[0];
  const out = [
    `CFR tracker: ${Number(unparseable)} date(s) could not be parsed; ${Number(empty)} row(s) have no date.`,
  ];
  if (Number(oddType) > 0) {
    out.push(
      `CFR tracker: ${Number(oddType)} row(s) have a Type outside the tracker's categories (fields shifted in the export?).`,
    );
  }
  return out;
}
