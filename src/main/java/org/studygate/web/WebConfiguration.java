package org.studygate.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.studygate.directory.StaffPrincipal;
import org.studygate.directory.UserView;
import org.studygate.directory.Users;

import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages (EN, NL, FR, DE: from the {@code lang} parameter when it names one of them,
 * kept in a cookie, else from the browser), the actor parameter, and the start page.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"), Locale.FRENCH,
			Locale.GERMAN);

	private final CurrentActor currentActor;

	private final Users users;

	WebConfiguration(CurrentActor currentActor, Users users) {
		this.currentActor = currentActor;
		this.users = users;
	}

	/**
	 * A language chosen with {@code ?lang=} is kept in a cookie and wins; without one, a
	 * logged-in user gets the language of his profile, anybody else the browser's best
	 * match.
	 */
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("studygate-lang");
		resolver.setDefaultLocaleFunction(
				request -> (withoutTranslatedText(request) ? java.util.Optional.<Locale>empty() : profileLanguage())
					.orElseGet(() -> request.getLocales().hasMoreElements() ? bestMatch(request.getLocales())
							: Locale.ENGLISH));
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSecure(true);
		resolver.setCookieHttpOnly(true);
		return resolver;
	}

	/**
	 * Whether the request is for the DICOMweb gateway, whose answers hold no translated
	 * text: its requests skip reading the user's profile language
	 * (docs/decisions/067-gateway-fixed-cost.md).
	 */
	static boolean gateway(jakarta.servlet.http.HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/dicomweb/");
	}

	/**
	 * Whether the answer holds no translated text: the gateway's, and the REST API's (its
	 * JSON and ProblemDetails are never translated), whose requests therefore skip
	 * reading the user's profile language
	 * (docs/decisions/080-explore-list-fewer-statements-per-request.md).
	 */
	static boolean withoutTranslatedText(jakarta.servlet.http.HttpServletRequest request) {
		return gateway(request) || request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	private java.util.Optional<Locale> profileLanguage() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
			return users.find(principal.userId())
				.map(UserView::language)
				.map(Locale::forLanguageTag)
				.filter(locale -> LANGUAGES.stream().anyMatch(l -> l.getLanguage().equals(locale.getLanguage())));
		}
		return java.util.Optional.empty();
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
		LocaleChangeInterceptor change = new SupportedLanguageChange();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}

	/** Whether {@code lang} names one of the four languages of the pages. */
	static boolean isSupported(String lang) {
		return LANGUAGES.stream().anyMatch(language -> language.getLanguage().equals(lang));
	}

	/**
	 * Switches language only to one of the four the pages are written in; any other value
	 * is ignored, so that the cookie never holds a language without texts.
	 */
	static final class SupportedLanguageChange extends LocaleChangeInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws ServletException {
			String lang = request.getParameter(getParamName());
			if (lang != null && !isSupported(lang)) {
				return true;
			}
			return super.preHandle(request, response, handler);
		}

	}

	@Override
	public void addFormatters(org.springframework.format.FormatterRegistry registry) {
		registry.addConverterFactory(new IdentifierConverters());
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(currentActor);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/explore");
	}

}
