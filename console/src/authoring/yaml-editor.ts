/**
 * The YAML editor of a campaign definition (CodeMirror 6, bundled): line numbers, YAML
 * highlighting, and the validator's issues marked at their line and column, with a marker in the
 * gutter and the message on hover.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import type { DefinitionIssue } from '../api/types';

/** The editor look and behaviour shared by the editor and the version diff. */
export function yamlExtensions(readOnly: boolean): Extension[] {
  return [
    lineNumbers(),
    foldGutter(),
    drawSelection(),
    highlightActiveLine(),
    highlightActiveLineGutter(),
    indentOnInput(),
    bracketMatching(),
    history(),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    yaml(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    EditorView.theme({
      '&': { height: '100%', fontSize: '13px', backgroundColor: '#fff' },
      '.cm-scroller': { fontFamily: "ui-monospace, 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace", lineHeight: '1.55' },
    }),
  ];
}

/** An issue as a diagnostic: from its column to the end of its line (the whole first line when it has none). */
function diagnosticOf(state: EditorState, issue: DefinitionIssue, severity: Diagnostic['severity']): Diagnostic {
  const line = state.doc.line(Math.min(Math.max(issue.line ?? 1, 1), state.doc.lines));
  const from = Math.min(line.from + Math.max((issue.column ?? 1) - 1, 0), line.to);
  return { from, to: Math.max(line.to, from), severity, message: issue.path ? `${issue.path}：${issue.message}` : issue.message };
}

export interface YamlEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  /** Marks the validator's issues (errors) and warnings at their lines. */
  showIssues(issues: readonly DefinitionIssue[], warnings: readonly DefinitionIssue[]): void;
  goToLine(line: number): void;
  destroy(): void;
}

export function createYamlEditor(parent: HTMLElement, options: { text: string; readOnly: boolean; onChange?: (text: string) => void }): YamlEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        ...yamlExtensions(options.readOnly),
        lintGutter(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange?.(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    showIssues: (issues, warnings) =>
      view.dispatch(
        setDiagnostics(view.state, [
          ...issues.map((issue) => diagnosticOf(view.state, issue, 'error')),
          ...warnings.map((warning) => diagnosticOf(view.state, warning, 'warning')),
        ]),
      ),
    goToLine(line) {
      const target = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
      view.dispatch({ selection: { anchor: target.from }, effects: EditorView.scrollIntoView(target.from, { y: 'center' }) });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
