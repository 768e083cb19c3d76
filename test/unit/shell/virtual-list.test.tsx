import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VirtualList } from '../../../src/ui/components/VirtualList';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** jsdom lays nothing out: each row reports the height its content would need (`need` for row 3, else none). */
function rowsNeed(need: number) {
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('vrow') && this.getAttribute('aria-posinset') === '3' ? need : 0;
  });
}

const list = (rowHeight: number) => <VirtualList count={20} rowHeight={rowHeight} label="记录" renderRow={(i) => <span>第 {i + 1} 号</span>} />;
const heights = () => screen.getAllByRole('listitem').map((r) => r.style.height);

describe('a virtual list whose rows may need more than the estimated height', () => {
  it('keeps the estimate while every row fits in it', () => {
    rowsNeed(70);
    render(list(76));
    expect(new Set(heights())).toEqual(new Set(['76px']));
  });

  it('makes every row as tall as the tallest rendered row needs, and the scrolled space with them', async () => {
    rowsNeed(310);
    const { container } = render(list(308));
    await waitFor(() => expect(new Set(heights())).toEqual(new Set(['310px'])));
    expect(screen.getAllByRole('listitem')[1]!.style.top).toBe('310px');
    expect((container.querySelector('.vlist-space') as HTMLElement).style.height).toBe(`${20 * 310}px`);
  });

  it('starts again from a new estimate (another text size)', async () => {
    rowsNeed(310);
    const { rerender } = render(list(308));
    await waitFor(() => expect(heights()[0]).toBe('310px'));
    rowsNeed(0);
    rerender(list(400));
    await waitFor(() => expect(new Set(heights())).toEqual(new Set(['400px'])));
  });
});
