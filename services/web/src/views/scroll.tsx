/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/**
 * A wide table's frame: scrolls sideways on a narrow screen, and is a named, focusable region so
 * that keyboard users can scroll it too (WCAG 2.1.1).
 */
export function Scroll(props: { label?: string; labelledBy?: string; children?: Child }) {
  return (
    <section class="scroll" tabindex={0} {...(props.labelledBy ? { 'aria-labelledby': props.labelledBy } : { 'aria-label': props.label })}>
      {props.children}
    </section>
  );
}
