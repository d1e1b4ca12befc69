/**
 * States that appear in the synthetic sanctions table: COW codes, regions and rough regime
 * histories. The regime periods and the years without a US embassy are approximate public
 * history, used only so that the synthetic episodes look plausible (Cuba after 1961, Iran after
 * 1980, …); they are not a dataset and nothing in the demo should be cited as fact.
 */
export type Region = 'Africa' | 'Americas' | 'Asia' | 'Europe' | 'Middle East';
export type Regime = 'democracy' | 'anocracy' | 'autocracy';

export interface Country {
  name: string;
  ccode: number;
  region: Region;
  /** First and last year the state can be a target. */
  from: number;
  to: number;
  /** Regime from a given year on, in order. */
  regimes: ReadonlyArray<readonly [number, Regime]>;
  /** Relative weight as the target of a US episode, and of another sender's episode. */
  usWeight: number;
  otherWeight: number;
  /** Year ranges (inclusive) in which the US had no embassy in the state. */
  usEmbassyClosed: ReadonlyArray<readonly [number, number]>;
}

const REGIME_CODES: Record<string, Regime> = { D: 'democracy', N: 'anocracy', A: 'autocracy' };

/**
 * One line per state: name, COW code, region, years, regimes (`A1945 D1990`: autocracy from
 * 1945, democracy from 1990), US weight, other weight, years without a US embassy.
 */
type Line = [string, number, Region, string, string, number, number, string?];

const LINES: Line[] = [
  ['United States', 2, 'Americas', '1945-2005', 'D1945', 0, 60],
  ['Canada', 20, 'Americas', '1945-2005', 'D1945', 18, 6],
  ['Cuba', 40, 'Americas', '1945-2005', 'N1945 A1952', 13, 2, '1961-2005'],
  ['Haiti', 41, 'Americas', '1945-2005', 'A1945 N1990', 3, 1],
  ['Dominican Republic', 42, 'Americas', '1945-2005', 'A1945 D1978', 2, 1],
  ['Mexico', 70, 'Americas', '1945-2005', 'A1945 N1977 D1997', 9, 4],
  ['Guatemala', 90, 'Americas', '1945-2005', 'N1945 A1954 N1986 D1996', 2, 1],
  ['Nicaragua', 93, 'Americas', '1945-2005', 'A1945 D1990', 4, 1],
  ['Panama', 95, 'Americas', '1945-2005', 'N1945 A1968 D1989', 3, 1],
  ['Colombia', 100, 'Americas', '1945-2005', 'D1945', 3, 1],
  ['Venezuela', 101, 'Americas', '1945-2005', 'N1945 D1959', 2, 2],
  ['Peru', 135, 'Americas', '1945-2005', 'N1945 D1980', 3, 2],
  ['Brazil', 140, 'Americas', '1945-2005', 'N1945 A1964 D1985', 8, 4],
  ['Bolivia', 145, 'Americas', '1945-2005', 'N1945 D1982', 2, 1],
  ['Chile', 155, 'Americas', '1945-2005', 'D1945 A1973 D1989', 3, 2],
  ['Argentina', 160, 'Americas', '1945-2005', 'N1945 A1976 D1983', 5, 4],
  ['United Kingdom', 200, 'Europe', '1945-2005', 'D1945', 6, 6],
  ['Netherlands', 210, 'Europe', '1945-2005', 'D1945', 4, 4],
  ['France', 220, 'Europe', '1945-2005', 'D1945', 7, 6],
  ['Spain', 230, 'Europe', '1945-2005', 'A1945 D1977', 3, 3],
  ['Portugal', 235, 'Europe', '1945-2005', 'A1945 D1976', 2, 3],
  ['Germany', 255, 'Europe', '1945-2005', 'D1945', 7, 6],
  ['East Germany', 265, 'Europe', '1949-1990', 'A1949', 1, 2, '1949-1973'],
  ['Poland', 290, 'Europe', '1945-2005', 'A1945 D1989', 3, 2],
  ['Hungary', 310, 'Europe', '1945-2005', 'A1945 D1990', 2, 2],
  ['Czechoslovakia', 315, 'Europe', '1945-1992', 'A1948 D1990', 2, 2],
  ['Italy', 325, 'Europe', '1945-2005', 'D1945', 4, 4],
  ['Albania', 339, 'Europe', '1945-2005', 'A1945 N1991', 1, 2, '1946-1990'],
  ['Yugoslavia', 345, 'Europe', '1945-2005', 'A1945 D2000', 3, 4, '1999-2000'],
  ['Greece', 350, 'Europe', '1945-2005', 'D1945 A1967 D1974', 2, 2],
  ['Bulgaria', 355, 'Europe', '1945-2005', 'A1945 D1990', 1, 2, '1950-1959'],
  ['Romania', 360, 'Europe', '1945-2005', 'A1945 N1990 D1996', 2, 2],
  ['Soviet Union', 365, 'Europe', '1945-1991', 'A1945 N1990', 8, 5],
  ['Russia', 365, 'Europe', '1992-2005', 'N1992', 4, 4],
  ['Ukraine', 369, 'Europe', '1991-2005', 'N1991 D1994', 1, 3],
  ['Belarus', 370, 'Europe', '1991-2005', 'N1991 A1995', 1, 2],
  ['Niger', 436, 'Africa', '1960-2005', 'A1960 N1992', 1, 2],
  ['Liberia', 450, 'Africa', '1945-2005', 'A1945 N1997', 2, 2],
  ['Sierra Leone', 451, 'Africa', '1961-2005', 'A1961 N1996', 1, 2],
  ['Ghana', 452, 'Africa', '1957-2005', 'N1957 A1972 N1993 D2001', 1, 2],
  ['Togo', 461, 'Africa', '1960-2005', 'A1960', 1, 2],
  ['Cameroon', 471, 'Africa', '1960-2005', 'A1960', 1, 2],
  ['Nigeria', 475, 'Africa', '1960-2005', 'D1960 A1966 D1979 A1984 N1999', 2, 3],
  ['Chad', 483, 'Africa', '1960-2005', 'A1960', 1, 2],
  ['Zaire', 490, 'Africa', '1960-2005', 'A1960', 2, 2],
  ['Uganda', 500, 'Africa', '1962-2005', 'A1962 N1996', 1, 2],
  ['Kenya', 501, 'Africa', '1963-2005', 'A1963 N1992 D2002', 1, 2],
  ['Rwanda', 517, 'Africa', '1962-2005', 'A1962', 1, 2],
  ['Somalia', 520, 'Africa', '1960-2005', 'D1960 A1969 N1991', 1, 2, '1991-2005'],
  ['Ethiopia', 530, 'Africa', '1945-2005', 'A1945 N1995', 2, 2],
  ['Angola', 540, 'Africa', '1975-2005', 'A1975', 1, 2],
  ['Mozambique', 541, 'Africa', '1975-2005', 'A1975 N1994', 1, 2],
  ['Zambia', 551, 'Africa', '1964-2005', 'N1964 A1972 N1991', 1, 2],
  ['Zimbabwe', 552, 'Africa', '1965-2005', 'A1965 N1980 A1987', 2, 4],
  ['Malawi', 553, 'Africa', '1964-2005', 'A1964 D1994', 1, 2],
  ['South Africa', 560, 'Africa', '1945-2005', 'N1945 D1994', 5, 6],
  ['Libya', 620, 'Africa', '1951-2005', 'A1951', 7, 2, '1980-2005'],
  ['Sudan', 625, 'Africa', '1956-2005', 'A1956', 2, 2, '1967-1971 1996-2001'],
  ['Iran', 630, 'Middle East', '1945-2005', 'N1945 A1953 N1997 A2004', 11, 3, '1980-2005'],
  ['Turkey', 640, 'Middle East', '1945-2005', 'D1945 A1980 D1983', 3, 3],
  ['Iraq', 645, 'Middle East', '1945-2005', 'A1945', 8, 4, '1967-1983 1991-2003'],
  ['Egypt', 651, 'Middle East', '1945-2005', 'A1945', 3, 3, '1967-1973'],
  ['Syria', 652, 'Middle East', '1946-2005', 'A1946', 2, 3, '1967-1973'],
  ['Lebanon', 660, 'Middle East', '1946-2005', 'N1946', 1, 2],
  ['Jordan', 663, 'Middle East', '1946-2005', 'A1946', 1, 2],
  ['Israel', 666, 'Middle East', '1948-2005', 'D1948', 3, 4],
  ['Saudi Arabia', 670, 'Middle East', '1945-2005', 'A1945', 2, 2],
  ['Yemen', 679, 'Middle East', '1990-2005', 'N1990 A1994', 1, 1],
  ['Kuwait', 690, 'Middle East', '1961-2005', 'A1961', 1, 1],
  ['Afghanistan', 700, 'Asia', '1945-2005', 'A1945', 2, 2, '1989-2001'],
  ['China', 710, 'Asia', '1945-2005', 'A1945', 10, 5, '1950-1978'],
  ['Mongolia', 712, 'Asia', '1945-2005', 'A1945 D1990', 1, 1, '1945-1986'],
  ['Taiwan', 713, 'Asia', '1949-2005', 'A1949 D1992', 5, 2],
  ['North Korea', 731, 'Asia', '1948-2005', 'A1948', 7, 2, '1948-2005'],
  ['South Korea', 732, 'Asia', '1949-2005', 'A1949 D1988', 8, 3],
  ['Japan', 740, 'Asia', '1952-2005', 'D1952', 14, 5],
  ['India', 750, 'Asia', '1947-2005', 'D1947', 7, 4],
  ['Pakistan', 770, 'Asia', '1947-2005', 'N1947 A1958 D1988 A1999', 4, 4],
  ['Bangladesh', 771, 'Asia', '1971-2005', 'A1971 D1991', 1, 2],
  ['Myanmar', 775, 'Asia', '1948-2005', 'D1948 A1962', 3, 3],
  ['Sri Lanka', 780, 'Asia', '1948-2005', 'D1948', 1, 2],
  ['Thailand', 800, 'Asia', '1945-2005', 'A1945 D1992', 2, 2],
  ['Cambodia', 811, 'Asia', '1953-2005', 'A1953', 2, 2, '1965-1969 1975-1990'],
  ['Vietnam', 816, 'Asia', '1954-2005', 'A1954', 5, 3, '1954-1994'],
  ['Malaysia', 820, 'Asia', '1957-2005', 'N1957', 2, 2],
  ['Philippines', 840, 'Asia', '1946-2005', 'D1946 A1972 D1987', 2, 2],
  ['Indonesia', 850, 'Asia', '1949-2005', 'A1949 D1999', 3, 3],
  ['Australia', 900, 'Asia', '1945-2005', 'D1945', 3, 3],
  ['New Zealand', 920, 'Asia', '1945-2005', 'D1945', 2, 2],
];

export const COUNTRIES: readonly Country[] = LINES.map(
  ([name, ccode, region, years, regimes, usWeight, otherWeight, closed]) => {
    const [from, to] = years.split('-').map(Number);
    return {
      name,
      ccode,
      region,
      from,
      to,
      regimes: regimes
        .split(' ')
        .map((code) => [Number(code.slice(1)), REGIME_CODES[code[0]]] as const),
      usWeight,
      otherWeight,
      usEmbassyClosed: (closed ?? '')
        .split(' ')
        .filter(Boolean)
        .map((range) => range.split('-').map(Number) as [number, number]),
    };
  },
);

export function regimeIn(country: Country, year: number): Regime {
  let regime = country.regimes[0][1];
  for (const [since, r] of country.regimes) if (year >= since) regime = r;
  return regime;
}

export function usEmbassyClosedIn(country: Country, year: number): boolean {
  return country.usEmbassyClosed.some(([a, b]) => year >= a && year <= b);
}

export function activeIn(country: Country, year: number): boolean {
  return year >= country.from && year <= country.to;
}

/** Primary senders other than the US, weighted roughly like TIES's primary senders. */
export const OTHER_SENDERS: ReadonlyArray<readonly [string, number]> = [
  ['Canada', 30],
  ['United Kingdom', 12],
  ['Soviet Union', 8],
  ['Russia', 4],
  ['India', 9],
  ['Mexico', 7],
  ['Germany', 7],
  ['France', 7],
  ['Japan', 6],
  ['China', 6],
  ['Netherlands', 3],
  ['Italy', 3],
  ['Australia', 4],
  ['Brazil', 3],
  ['Argentina', 3],
  ['Saudi Arabia', 3],
  ['Egypt', 3],
  ['Israel', 2],
  ['Turkey', 3],
  ['South Africa', 3],
  ['Nigeria', 3],
  ['Pakistan', 2],
];

export function countryNamed(name: string): Country {
  const found = COUNTRIES.find((c) => c.name === name);
  if (!found) throw new Error(`Unknown country ${name}`);
  return found;
}
