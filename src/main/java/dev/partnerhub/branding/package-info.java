/**
 * The company's look: name, logo, primary colour, favicon, support address, terms of
 * service, partner-center title and footer ({@code brand_settings}, one row). Pages read
 * it through {@link dev.partnerhub.branding.Branding} (cached; templates call
 * {@code @branding.current()}), e-mails put the logo and name in their HTML part.
 */
@NullMarked
package dev.partnerhub.branding;

import org.jspecify.annotations.NullMarked;
