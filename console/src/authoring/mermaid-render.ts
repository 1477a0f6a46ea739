/**
 * Mermaid, loaded the first time a diagram is shown (it is the largest part of the console and most
 * people never open a diagram), rendered with strict security (no scripts, no HTML labels).
 */
type Mermaid = (typeof import('mermaid'))['default'];

let loading: Promise<Mermaid> | undefined;
let renders = 0;

function mermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then(({ default: loaded }) => {
    loaded.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'neutral',
      fontFamily: "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
      // Drawn for the preview pane beside the editor (about half of a 1366-pixel screen).
      gantt: { useWidth: 580, fontSize: 13, sectionFontSize: 13, barHeight: 22, barGap: 6, leftPadding: 70 },
    });
    return loaded;
  });
  return loading;
}

/** The diagram as SVG markup. */
export async function renderMermaid(source: string): Promise<string> {
  renders += 1;
  const { svg } = await (await mermaid()).render(`ce-mermaid-${renders}`, source);
  return svg;
}
