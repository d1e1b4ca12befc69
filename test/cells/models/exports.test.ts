/**
 * A models cell over ordered logits (against MASS::polr's anova, models-table.R) and the
 * table's exports: odds ratios with cutpoints as estimated, Markdown, CSV and the HTML that
 * pastes into Word, each escaping what the notebook wrote.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/Engine.ts';
import { tableOfOutputs } from '../../../src/cells/models/index.ts';
import { escapeLatex } from '../../../src/cells/models/latex.ts';
import type { RegressionTable } from '../../../src/cells/models/layout.ts';
import type { ModelsSpec } from '../../../src/cells/models/spec.ts';
import {
  regressionCsv,
  regressionMarkdown,
  regressionWordHtml,
} from '../../../src/cells/models/text-exports.ts';
import { expectRelative, readJson } from '../../stats/helpers.ts';
import { fence, runModels, type ModelsRun } from './run-notebook.ts';

const reference = readJson<{
  ordered: {
    formulas: string[];
    log_likelihood: number[];
    aic: number[];
    bic: number[];
    lr_statistic: number;
    lr_df: number;
    lr_p_value: number;
  };
}>('models-table.json').ordered;

const SPEC: ModelsSpec = {
  models: ['o1', 'o2'],
  labels: { o1: 'x1 only', o2: '+ region' },
  show: ['odds_ratio', 'std_error'],
  compare: 'lr',
};

let run: ModelsRun;
let table: RegressionTable;
beforeAll(async () => {
  run = await runModels(
    [
      fence('sql d3', 'SELECT *, y + CAST(x2 > 5 AS INTEGER) AS y3 FROM d'),
      ...reference.formulas.map((f, i) => fence(`ologit o${i + 1}`, 'from: d3', `formula: ${f}`)),
      fence(
        'models ordered',
        'models: [o1, o2]',
        'labels: {o1: x1 only, o2: + region}',
        'show: [odds_ratio, std_error]',
        'compare: lr',
      ),
    ].join('\n'),
  );
  const state = run.cell('ordered');
  table = tableOfOutputs(
    SPEC,
    (s) => state.outputs.find((o) => o.table === `ordered${s}`)?.result,
  )!;
}, 60_000);

describe('a models cell over ordered logits', () => {
  it('tests o2 against o1 as anova(polr, polr), and gives polr’s logLik, AIC and BIC', () => {
    const fit = run.results.ordered_fit as Row[];
    // polr stops at its own tolerance; the ordered logit agrees with it to about 1e-6.
    for (const [i, f] of fit.entries()) {
      expectRelative(f.log_likelihood, reference.log_likelihood[i], 1e-6, `logLik ${i}`);
      expectRelative(f.aic, reference.aic[i], 1e-6, `AIC ${i}`);
      expectRelative(f.bic, reference.bic[i], 1e-6, `BIC ${i}`);
    }
    expect(fit[1].lr_df).toBe(reference.lr_df);
    expectRelative(fit[1].lr_statistic, reference.lr_statistic, 1e-6, 'LR statistic');
    expectRelative(fit[1].lr_p_value, reference.lr_p_value, 1e-6, 'LR p');
  });

  it('keeps the type column and lists cutpoints after the coefficients, without stars', () => {
    const long = run.results.ordered as Row[];
    expect(new Set(long.map((r) => r.type))).toEqual(new Set(['coefficient', 'cutpoint']));
    const terms = table.terms.filter((r) => r.term).map((r) => r.term);
    expect(terms).toEqual(['x1', 'regionAsia', 'regionEurope', '0|1', '1|2']);
    const cut = table.terms.find((r) => r.term === '0|1')!;
    const row = long.find((r) => r.model === 'o1' && r.term === '0|1')!;
    // An odds ratio of a cutpoint means nothing: its estimate is shown, and no stars.
    expect(cut.cells[0]).toEqual({
      text: (row.estimate as number).toFixed(3).replace('-', '−'),
      stars: '',
    });
    const x1 = long.find((r) => r.model === 'o1' && r.term === 'x1')!;
    const x1Rows = table.terms.slice(0, 2);
    expect(x1Rows[0].cells[0]).toEqual({
      text: (x1.odds_ratio as number).toFixed(3),
      stars: '***',
    });
    // Under an odds ratio, its delta-method standard error.
    expect(x1Rows[1].cells[0].text).toBe(
      `(${((x1.odds_ratio as number) * (x1.std_error as number)).toFixed(3)})`,
    );
    expect(table.notes[0]).toMatch(
      /^Odds ratios \(cutpoints as estimated\)\. Standard errors in parentheses, by the delta method\./,
    );
  });
});

describe('the exports', () => {
  const tricky: RegressionTable = {
    columns: ['=HYPERLINK("x")', 'a|b <i>'],
    terms: [
      { label: 'gdp_pc*', term: 'gdp_pc*', cells: [{ text: '−0.305', stars: '**' }, { text: '' }] },
      { label: '', cells: [{ text: '(0.087)' }, { text: '' }] },
    ],
    fit: [{ label: 'N', cells: [{ text: '600' }, { text: '575' }] }],
    notes: ['* p < 0.05.'],
  };

  it('escapes Markdown syntax and keeps one line per table row', () => {
    expect(regressionMarkdown(tricky).split('\n')).toEqual([
      '|  | =HYPERLINK("x") | a\\|b \\<i\\> |',
      '| :--- | :---: | :---: |',
      '| gdp\\_pc\\* | −0.305\\*\\* |  |',
      '|  | (0.087) |  |',
      '| — | — | — |',
      '| N | 600 | 575 |',
      '',
      '\\* p \\< 0.05.',
      '',
    ]);
  });

  it('writes CSV a spreadsheet reads as text, minus signs and all', () => {
    expect(regressionCsv(tricky).split('\r\n')).toEqual([
      `,"'=HYPERLINK(""x"")",a|b <i>`,
      'gdp_pc*,−0.305**,',
      ',(0.087),',
      'N,600,575',
      '* p < 0.05.',
      '',
    ]);
  });

  it('pastes into Word as a table with the rules inline and every text escaped', () => {
    const html = regressionWordHtml(tricky);
    expect(html).toMatch(/^<table style="border-collapse:collapse;/);
    expect(html).toContain('a|b &lt;i&gt;');
    expect(html).not.toContain('<i>');
    expect(html).toContain('−0.305<sup>**</sup>');
    // The rule above the fit statistics and the closing rule under the last of them.
    expect(html).toMatch(
      /<td style="padding:1pt 6pt;text-align:left;border-top:1px solid #000;border-bottom:1.5px solid #000;">N<\/td>/,
    );
    expect(html).toContain('<p style="');
  });

  it('escapes every character LaTeX treats specially', () => {
    expect(escapeLatex('a_b & 50% #1 $ {x} ~ ^ \\ < > | −')).toBe(
      'a\\_b \\& 50\\% \\#1 \\$ \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} $<$ $>$ $|$ $-$',
    );
  });
});
