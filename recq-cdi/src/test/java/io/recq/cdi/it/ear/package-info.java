/**
 * Classes of the EJB module in the EAR visibility test.
 */
package io.recq.cdi.it.ear;
