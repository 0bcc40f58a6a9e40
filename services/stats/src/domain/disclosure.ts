/** The one door between the release builder and disclosure control (`@liaison/disclosure`). */
export * from '@liaison/disclosure';
