import { expect, test } from './harness';

test('switches the language (German, French, Spanish) and the colour scheme', async (t) => {
  const { page, env } = t;
  await page.goto(`${env.webUrl}/chat`);
  const cases = [
    { locale: 'de', heading: 'Fragen Sie den Wissensgraphen', nav: 'Explorer', label: 'Sprache' },
    { locale: 'fr', heading: 'Interrogez le graphe de connaissances', nav: 'Explorateur', label: 'Langue' },
    { locale: 'es', heading: 'Pregunte al grafo de conocimiento', nav: 'Explorador', label: 'Idioma' },
    { locale: 'en', heading: 'Ask the knowledge graph', nav: 'Explorer', label: 'Language' },
  ];
  let label = 'Language';
  for (const c of cases) {
    await page.getByLabel(label, { exact: true }).selectOption(c.locale);
    await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
    expect((await page.locator('html').getAttribute('lang')) === c.locale, `html lang is ${c.locale}`);
    await page.getByRole('navigation').getByRole('link', { name: c.nav }).waitFor();
    label = c.label;
    if (c.locale === 'de') {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
      await t.checkA11y('chat page in German');
    }
  }
  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background === 'rgb(18, 20, 24)', `dark background, got ${background}`);
  await t.checkA11y('chat page, dark');
  await t.screenshot('chat-dark');
});

test('fits a phone-sized screen without horizontal scrolling', async (t) => {
  const { page, env } = t;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${env.webUrl}/entities?q=Mars`);
  await page.getByTestId('search-results').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `explorer overflows the viewport by ${overflow}px`);
  await page.goto(`${env.webUrl}/chat`);
  await page.getByTestId('composer-input').waitFor();
  const chatOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(chatOverflow <= 0, `chat overflows the viewport by ${chatOverflow}px`);
  await t.checkA11y('chat on a phone');
  await t.screenshot('chat-mobile');
});
