/**
 * The "Insert template" menu as data. Apps Script menu items name a global function, so each template and
 * variant needs its own top-level handler: scripts/lib/sheetsTopLevel.ts generates them from this list (which
 * is TEMPLATES), and onOpen builds the menu from the same list, so the two cannot disagree.
 */
import { TEMPLATES } from '../src/templates';

export interface TemplateMenuItem {
  templateId: string;
  caption: string;
  examples: boolean;
  /** The generated top-level function the menu item calls. */
  functionName: string;
}

/** The main.ts export every generated handler forwards to. */
export const insertTemplateHandler = 'insertTemplateFromMenu';

export const TEMPLATE_SUBMENUS = [
  { caption: 'Insert template', examples: false },
  { caption: 'Insert template with examples', examples: true },
] as const;

export function templateMenuItems(examples: boolean): TemplateMenuItem[] {
  return TEMPLATES.map((t) => ({
    templateId: t.id,
    caption: t.title,
    examples,
    functionName: `menuInsert${examples ? 'Example' : 'Blank'}_${t.id.replace(/[^A-Za-z0-9]/g, '_')}`,
  }));
}
