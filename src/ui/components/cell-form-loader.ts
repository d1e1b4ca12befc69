import { loadOnce } from '../../shared/load-once.ts';

/**
 * The cell form (CellForm.svelte and the formula parser it needs) loads apart from the page:
 * no reader needs it before the first chart. The page asks for it once the first run is over
 * (start-app.ts), so a click on "Form" finds it there; until then a click loads it.
 */
export const loadCellForm = loadOnce(() => import('./CellForm.svelte'));
