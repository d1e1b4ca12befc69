/**
 * A notebook that uses the chart keys of issue 19 on generated rows (plain arithmetic, no
 * dataset, no hash or libm function whose last bit could differ between DuckDB builds): a
 * coefficient plot and its odds ratios on a log axis, a curve with a band, predictions at a 0/1
 * integer, and rates with labels, a fixed domain, a reference line, a format and a sort. The
 * browser test compares the page's SVGs with the command line's.
 */

/** The chart cells, by name: each becomes `<name>.svg` on the command line. */
export const PARITY_CHARTS = ['coefs', 'odds', 'curve_plot', 'by_closed', 'by_region'];

export const PARITY_NOTEBOOK = `---
title: Chart keys on generated rows
---

\`\`\`input from_year
type: range
min: 1950
max: 1990
step: 10
value: 1950
label: Episodes starting in or after
\`\`\`

\`\`\`sql episodes
SELECT
  CAST(i % 2 AS INTEGER) AS closed,
  ((i * 37) % 100) / 10.0 AS costs,
  ['Africa', 'Americas', 'Asia', 'Europe'][1 + CAST((i // 2) % 4 AS INTEGER)] AS region,
  1950 + (i * 7) % 60 AS start_year,
  (i * 13) % 10 < 2 + 3 * (i % 2) + ((i * 37) % 100) / 40.0 + ((i // 2) % 4) * 0.6 AS success
FROM range(600) AS t(i)
WHERE 1950 + (i * 7) % 60 >= $from_year
\`\`\`

\`\`\`logit model
from: episodes
formula: success ~ closed + costs + region
predict: closed
\`\`\`

\`\`\`chart coefs
from: model
mark: coef
x: estimate
y: term
ci: [conf_low, conf_high]
title: Logit estimates
\`\`\`

\`\`\`chart odds
from: model
mark: coef
x: odds_ratio
y: term
ci: [or_low, or_high]
scale: log
x_label: Odds ratio (log scale)
\`\`\`

\`\`\`sql curve
SELECT costs, predicted, predicted - 0.06 AS lower, predicted + 0.06 AS upper
FROM (SELECT range / 2.0 AS costs, 0.2 + 0.03 * (range / 2.0) AS predicted FROM range(0, 21))
\`\`\`

\`\`\`chart curve_plot
from: curve
mark: line
x: costs
y: predicted
ci: [lower, upper]
y_domain: [0, 1]
format: ".0%"
\`\`\`

\`\`\`chart by_closed
from: model_predicted
mark: dot
x: closed
y: predicted
ci: [lower, upper]
\`\`\`

\`\`\`rate rates
from: episodes
outcome: success
by: region
\`\`\`

\`\`\`chart by_region
from: rates
mark: dot
x: region
y: rate
ci: [lower, upper]
x_label: Target region
y_label: Episodes that succeeded
y_domain: [0, 1]
rule: 0.5
format: ".0%"
sort: -value
\`\`\`
`;
