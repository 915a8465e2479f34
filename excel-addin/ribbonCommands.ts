/**
 * The "Insert template" ribbon menu, generated from the template list so the manifest, the action ids the
 * runtime associates and the templates cannot drift. Pure: the build renders the manifest from it and the task
 * pane registers the same ids with Office.actions.associate.
 *
 * Manifest shape from "Control element" (OfficeDev/office-js-docs-pr docs/reference/manifest/control.md):
 * a Menu control on PrimaryCommandSurface holds Items, each with Label, Supertip, Icon and an Action; an
 * ExecuteFunction action names a function the FunctionFile's runtime associated. A resid is at most 32
 * characters, a ShortString label at most 125 and a LongString at most 250.
 */
import type { TemplateChoice } from '../src/app/templates';

/** The ribbon icon sizes the manifest declares (bt:Image allows 16, 20, 24, 32, 40, 48, 64, 80; 16, 32, 80 are
 * required), drawn by the build from assets/icon.svg. */
export const RIBBON_ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80] as const;

/** The FunctionName of the ribbon's "Run self-test" button, and the id the task pane associates with it. */
export const SELF_TEST_ACTION_ID = 'runSelfTest';

/** The FunctionName of a template's menu item, and the id Office.actions.associate registers. */
export function templateActionId(templateId: string): string {
  return `insertTemplate.${templateId}`;
}

export interface RibbonMenuXml {
  /** `<Item>` elements for the Insert template menu's `<Items>`. */
  items: string;
  /** `<bt:String>` elements for `<bt:ShortStrings>`. */
  shortStrings: string;
  /** `<bt:String>` elements for `<bt:LongStrings>`. */
  longStrings: string;
}

export function templateMenuXml(
  choices: readonly TemplateChoice[],
  indent = '                    ',
): RibbonMenuXml {
  const items: string[] = [];
  const shortStrings: string[] = [];
  const longStrings: string[] = [];
  for (const choice of choices) {
    const label = `Tpl.${choice.id}.Label`;
    const tip = `Tpl.${choice.id}.Tip`;
    for (const resid of [label, tip]) {
      if (resid.length > 32) throw new Error(`manifest resid ${resid} is longer than 32 characters`);
    }
    const description = `${choice.summary} Inserts a new sheet; nothing existing is changed.`;
    if (description.length > 250)
      throw new Error(`ribbon tooltip for ${choice.id} is longer than 250 characters`);
    items.push(
      [
        `<Item id="SEToolkit.InsertTemplate.${xml(choice.id)}">`,
        `  <Label resid="${label}" />`,
        `  <Supertip>`,
        `    <Title resid="${label}" />`,
        `    <Description resid="${tip}" />`,
        `  </Supertip>`,
        `  <Icon>`,
        ...RIBBON_ICON_SIZES.map((n) => `    <bt:Image size="${n}" resid="Icon.${n}x${n}" />`),
        `  </Icon>`,
        `  <Action xsi:type="ExecuteFunction">`,
        `    <FunctionName>${xml(templateActionId(choice.id))}</FunctionName>`,
        `  </Action>`,
        `</Item>`,
      ]
        .map((line) => indent + line)
        .join('\n'),
    );
    shortStrings.push(`        <bt:String id="${label}" DefaultValue="${xml(choice.title)}" />`);
    longStrings.push(`        <bt:String id="${tip}" DefaultValue="${xml(description)}" />`);
  }
  return {
    items: items.join('\n'),
    shortStrings: shortStrings.join('\n'),
    longStrings: longStrings.join('\n'),
  };
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
