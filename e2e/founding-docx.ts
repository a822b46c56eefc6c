import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph, TextRun } from 'docx';

/**
 * The founding plan as a Word document made here, the way an office types it: headings and
 * item titles in bold, one paragraph per line.
 */
export async function foundingPlanDocx(): Promise<Buffer> {
  const text = readFileSync('server/src/modules/plans/fixtures/founding-plan.txt', 'utf8');
  const paragraphs = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && line !== '-----')
    .map((line) => {
      const heading = line.match(/^#+\s*(.*)$/);
      const bold = line.match(/^\*\*(.*)\*\*$/);
      const content = heading?.[1] ?? bold?.[1] ?? line;
      return new Paragraph({ children: [new TextRun({ text: content, bold: Boolean(heading || bold) })] });
    });
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}
