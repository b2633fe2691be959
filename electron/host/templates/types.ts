/** What `templates.render` answers: the canvas's page, or why there is none. */
export interface TemplateRender {
  /** The rendered page with the project's static stylesheets inlined; null when rendering failed. */
  html: string | null;
  /** What went wrong, with the template and line. */
  error: string | null;
  /** The sample data file the render read (project-relative), whether or not it exists. */
  samplesPath: string;
}
