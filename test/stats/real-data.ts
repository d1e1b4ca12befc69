/**
 * Reading the real datasets for the real-data tests and for the script that exports their
 * columns for R. The files stay in ../shared/datasets; nothing from them enters the repo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import type { Engine, Row } from '../../src/engine/Engine.ts';
import { createTableFromRows } from '../../src/engine/tables.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const datasetsDir = resolve(repoRoot, '../shared/datasets');
export const hasDatasets = existsSync(datasetsDir);

export const TIES_FILE = 'TIESv4-1.xls';
export const TIES_COLUMNS = [
  'finaloutcome',
  'threat',
  'imposition',
  'institution',
  'scommit',
  'targetcosts',
];
export const DCID_FILE = 'DCID_2.0_Release_update_February_2023.xlsx';
export const DCID_COLUMNS = [
  'cyber_objective',
  'Concession ',
  'objective_achievement',
  'severity',
  'information_operation',
];

/** The named numeric columns of a workbook's first sheet; empty cells become null. */
export function readFirstSheet(file: string, columns: string[]): Row[] {
  const workbook = XLSX.read(readFileSync(resolve(datasetsDir, file)));
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  const [header, ...body] = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
  const indices = columns.map((name) => {
    const index = (header as unknown[]).indexOf(name);
    if (index < 0) throw new Error(`${file}: no column ${JSON.stringify(name)}`);
    return index;
  });
  return body.map((cells) => {
    const row: Row = {};
    columns.forEach((name, k) => {
      const value = cells[indices[k]];
      if (value !== undefined && value !== null && typeof value !== 'number') {
        throw new Error(`${file}: ${name} holds a non-number ${JSON.stringify(value)}`);
      }
      row[name] = value ?? null;
    });
    return row;
  });
}

/** Loads the columns as a DOUBLE table, the way a spreadsheet's numbers arrive. */
export async function loadTable(engine: Engine, name: string, rows: Row[], columns: string[]) {
  await createTableFromRows(
    engine,
    name,
    columns.map((c) => ({ name: c, type: 'DOUBLE' })),
    rows,
  );
}

/**
 * TIES success as the literature codes it (target complied: final outcome 1, 2, 5, 6, 7, 10)
 * and the sender's commitment as text; real-data.R derives the same columns.
 */
export const TIES_DERIVED_SQL = `CREATE TABLE ties AS SELECT *,
  CASE WHEN finaloutcome IN (1, 2, 5, 6, 7, 10) THEN 1 WHEN finaloutcome IS NOT NULL THEN 0 END AS success,
  CASE scommit WHEN 1 THEN 'weak' WHEN 2 THEN 'moderate' WHEN 3 THEN 'strong' END AS commitment
  FROM ties_raw`;
