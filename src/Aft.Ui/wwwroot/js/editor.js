// Turns <textarea data-editor="javascript"> into a CodeMirror editor (line numbers, JavaScript highlighting, bracket
// matching, undo history, search). The textarea stays in the form, hidden, and holds the editor's text at every
// change, so the form posts as it does without JavaScript, where the plain textarea is the editor.
//
// Keyboard: Tab indents (as in any code editor). To leave the editor with the keyboard, press Escape and then Tab
// (CodeMirror's tab focus mode for the next key), or Ctrl-M to make Tab move focus until Ctrl-M again.
//
// CodeMirror writes its base styles into a <style> element; the CSP admits it by the nonce the page puts on the textarea.
//
// A syntax error the server found is given as data-error-line and data-error-column (1-based): the editor marks that
// line as an error diagnostic and puts the cursor at the column.
import { EditorState } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { javascript } from "@codemirror/lang-javascript";
import { classHighlighter } from "@lezer/highlight";

for (const textarea of document.querySelectorAll('textarea[data-editor="javascript"]')) {
  enhance(textarea);
}

function enhance(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const content = { "aria-multiline": "true" };
  if (label) {
    label.id ||= `${textarea.id}-label`;
    content["aria-labelledby"] = label.id;
  }
  if (textarea.hasAttribute("aria-describedby")) {
    content["aria-describedby"] = textarea.getAttribute("aria-describedby");
  }

  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        syntaxHighlighting(classHighlighter),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        lintGutter(),
        javascript(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of(content),
        EditorView.cspNonce.of(textarea.nonce ?? ""),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) textarea.value = update.state.doc.toString();
        }),
      ],
    }),
  });
  textarea.after(view.dom);
  textarea.hidden = true;
  label?.addEventListener("click", () => view.focus());

  const line = Number(textarea.dataset.errorLine);
  if (line >= 1 && line <= view.state.doc.lines) {
    markError(view, view.state.doc.line(line), Number(textarea.dataset.errorColumn) || 1, textarea.dataset.errorMessage ?? "syntax error");
  }
}

function markError(view, line, column, message) {
  const at = Math.min(line.from + column - 1, line.to);
  view.dispatch(setDiagnostics(view.state, [{ from: line.from, to: line.to, severity: "error", message }]));
  view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
  view.dom.classList.add("has-error");
  view.focus();
}
