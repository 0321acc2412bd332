package org.studygate.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages (EN, NL, FR, DE: from the {@code lang} parameter, kept in a cookie, else from the
 * browser), the actor parameter, and the start page.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"), Locale.FRENCH, Locale.GERMAN);

	private final CurrentActor currentActor;

	WebConfiguration(CurrentActor currentActor) {
		this.currentActor = currentActor;
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("studygate-lang");
		resolver.setDefaultLocaleFunction(request -> {
			Locale best = request.getLocales().hasMoreElements() ? bestMatch(request.getLocales()) : Locale.ENGLISH;
			return best;
		});
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSecure(true);
		resolver.setCookieHttpOnly(true);
		return resolver;
	}

	private static Locale bestMatch(java.util.Enumeration<Locale> wanted) {
		while (wanted.hasMoreElements()) {
			Locale locale = wanted.nextElement();
			for (Locale language : LANGUAGES) {
				if (language.getLanguage().equals(locale.getLanguage())) {
					return language;
				}
			}
		}
		return Locale.ENGLISH;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(currentActor);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/explore");
		registry.addViewController("/login").setViewName("login");
	}

}
