'use client';
/**
 * A side panel (<details>) whose content is rendered only once it has been open and on
 * screen. On a phone the panels start closed below the diagram: until someone opens one,
 * it is not rendered, nor re-rendered at every step of a playing run (a closed <details>
 * hides its content, but React would still render it). A panel open from the start
 * renders at once, so nothing shifts when the page appears.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function LazyPanel({ title, open, className = 'panel', id, children }: {
  title: string; open: boolean; className?: string; id?: string; children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(open);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    // a closed <details> does not lay out its content: the box intersects once it is open and on screen
    const io = new IntersectionObserver((es) => { if (es.some((e) => e.isIntersecting && e.intersectionRatio > 0)) setSeen(true); }, { rootMargin: '120px' });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return (
    <details open={open} className={className} id={id}>
      <summary>{title}</summary>
      {seen ? children : <div ref={ref} className="panel-pending" aria-hidden="true" />}
    </details>
  );
}
