import { describe, expect, it } from 'vitest';
import { createPlaygroundStore, FIRST_PRESET, PRESET_IDS, loadPreset } from '@store/index';
import { restRecorded } from '@store/recording';
import { parseEmbedParams } from '@lib/embedParams';
import { parseFragment } from '@store/fragment';
import { shareHash } from '@store/share';
import { startEmbed } from './startEmbed';

/** The store an embed's provider opens with (store/context.ts). */
const opened = () => createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id, { startSmall: true });
const params = (q: string) => parseEmbedParams(parseFragment(q), PRESET_IDS);

describe('an embed starting', () => {
  it('keeps the recording it opened with when the parameters name the first preset', async () => {
    for (const q of ['', `?preset=${FIRST_PRESET.id}`, `?preset=${FIRST_PRESET.id}&t=500&speed=4`]) {
      const store = opened();
      const tl = store.getState().timeline;
      const lines = await startEmbed(store, params(q));
      expect(lines).toEqual([]);
      expect(store.getState().timeline, q).toBe(tl);
    }
  });

  it('goes to the moment asked for even before the background recording has got there', async () => {
    const store = opened();
    const whole = createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id).getState().rec;
    expect(whole.ended).toBe(true);
    const end = whole.last;
    expect(await startEmbed(store, params(`?preset=${FIRST_PRESET.id}&at=${end}`))).toEqual([]);
    expect(store.getState().cursor).toBe(end);
    expect(await startEmbed(opened(), params(`?at=${end + 1}`))).toEqual([`at: ${end + 1} is past the end of the run (last action ${end})`]);
  });

  it('loads another preset, and a share link once its code has arrived', async () => {
    const other = PRESET_IDS.find((id) => id !== FIRST_PRESET.id)!;
    await loadPreset(other);
    const store = opened();
    expect(await startEmbed(store, params(`?preset=${other}`))).toEqual([]);
    expect(store.getState().presetId).toBe(other);

    const shared = opened();
    const doc = { ...opened().getState().doc, title: 'Shared copy' };
    const lines = startEmbed(shared, params(`?s=${encodeURIComponent(shareHash(doc).slice(3))}`));
    expect(lines).toBeInstanceOf(Promise);
    expect(await lines).toEqual([]);
    expect(shared.getState().timeline.doc.title).toBe('Shared copy');
    await restRecorded(shared);
  });
});
