/**
 * The CDI portable extension that discovers RECQ components, validates them at deployment, and hands the
 * resulting {@link io.recq.cdi.model.RecqModel} to the runtime.
 */
package io.recq.cdi;
