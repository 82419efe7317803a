/** The screens where the playground's side panels start open (and their code comes with the page's). */
export const WIDE_SCREEN = '(min-width: 761px)';
