from django import template

from measures.dependencies.queries import dependencies_of

register = template.Library()


@register.simple_tag
def measure_dependencies(measure, published_only=False):
    return dependencies_of(measure, published_only=published_only)
