/**
 * antd's icons carry their English names as aria-labels ("search", "close-circle"), which a screen reader reads out
 * beside the Chinese text of the button they decorate. Every icon here sits next to a Chinese label, so each is
 * marked decorative as it appears.
 */
export function hideIconNames(root: HTMLElement): () => void {
  const mark = (scope: ParentNode) => {
    for (const icon of Array.from(scope.querySelectorAll('.anticon[role="img"][aria-label]'))) {
      icon.removeAttribute('aria-label');
      icon.setAttribute('aria-hidden', 'true');
    }
  };
  mark(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const node of Array.from(r.addedNodes)) if (node instanceof Element) mark(node.parentElement ?? node);
  });
  observer.observe(root.ownerDocument.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}
