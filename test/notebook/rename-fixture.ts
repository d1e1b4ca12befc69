/** A notebook where four cells use the cell `recent`: its SQL, a logit, a chart, a receipt. */
export const FIVE = `---
datasets:
  episodes: episodes.csv
---

\`\`\`input from_year
type: range
min: 1945
max: 2005
value: 1970
\`\`\`

\`\`\`sql recent
SELECT * FROM episodes WHERE year >= $from_year
\`\`\`

\`\`\`sql joined
SELECT r.*, 'recent' AS label FROM recent r JOIN "recent" q USING (id) -- recent
\`\`\`

\`\`\`logit model
from: recent
formula: outcome ~ year
\`\`\`

\`\`\`chart
from: recent # the cell above
mark: dot
x: year
y: outcome
\`\`\`

\`\`\`expect
recent:
  rows:
    - where: {id: 1}
      year: 1970
model_fit:
  rows:
    - converged: true
\`\`\`
`;
